/**
 * The plugin contract test suite for plugin authors (needs vitest).
 *
 * @module @flyte-ts/core/testing
 */
export { testPluginContract, type PluginContractOptions, type InvalidConfigCase } from "./contract-suite.ts";
