export { testPluginContract, type PluginContractOptions, type InvalidConfigCase } from "./contract-suite.ts";
