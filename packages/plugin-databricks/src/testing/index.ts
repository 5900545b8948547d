/**
 * A fake Databricks Jobs API server for tests.
 *
 * @module @flyte-ts/plugin-databricks/testing
 */
export {
  startFakeJobsServer, DEFAULT_FAKE_STATES, type FakeJobsServer, type FakeJobsServerOptions, type FakeRunState, type FakeFault,
  type FakeEndpoint, type FakeRun, type RecordedRequest,
} from "./fake-jobs-server.ts";
