import { testPluginContract } from "@flyte-ts/core/testing";
import { Spark, sparkPlugin } from "@flyte-ts/plugin-spark";

testPluginContract({
  plugin: sparkPlugin,
  config: () => new Spark({ sparkConf: { "spark.executor.instances": "2" }, hadoopConf: { "fs.s3a.path.style.access": "true" } }),
  expectedCustom: {
    mainApplicationFile: "local:///opt/venv/bin/runtime.py",
    executorPath: "/opt/venv/bin/python",
    sparkConf: { "spark.executor.instances": "2" },
    hadoopConf: { "fs.s3a.path.style.access": "true" },
  },
  invalid: [
    { name: "a number as a conf value", config: () => new Spark({ sparkConf: { "spark.executor.instances": 2 as unknown as string } }), path: ["sparkConf", "spark.executor.instances"], message: 'write "2"' },
    { name: "spark.master", config: () => new Spark({ sparkConf: { "spark.master": "local[2]" } }), path: ["sparkConf", "spark.master"], message: "Spark operator refuses it" },
    { name: "a Kubernetes size as Spark memory", config: () => new Spark({ sparkConf: { "spark.executor.memory": "4Gi" } }), path: ["sparkConf", "spark.executor.memory"], message: "Spark size" },
    { name: "an unknown option", config: () => new Spark({ sparkconf: {} } as never), path: ["sparkconf"], message: "unknown option" },
    { name: "a main class on a Python application", config: () => new Spark({ mainClass: "a.B" }), path: ["mainClass"], message: "JVM" },
  ],
});
