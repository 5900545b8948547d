export declare const PLUGIN_NAME = "@flyte-ts/plugin-spark";
/** This package's version, from its package.json. */
export declare function pluginVersion(): string;
/**
 * The @flyte-ts/core versions this plugin works with: its peer dependency range (pnpm's `workspace:`
 * prefix dropped in the repository), so that core checks at registration the range npm checks at install.
 */
export declare function coreApiRange(): string;
//# sourceMappingURL=package-info.d.ts.map