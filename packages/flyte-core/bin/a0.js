#!/usr/bin/env node
import "../dist/a0.js";
