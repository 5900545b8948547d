export declare function isSparkSize(value: string): boolean;
//# sourceMappingURL=spark-size.d.ts.map