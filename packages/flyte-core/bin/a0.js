#!/usr/bin/env node
// CommonJS like every file here (bin/package.json): the runtime itself is ES modules, loaded below.
"use strict";
import("../dist/a0.js");
