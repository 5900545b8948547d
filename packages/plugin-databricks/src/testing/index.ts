export {
  startFakeJobsServer, DEFAULT_FAKE_STATES, type FakeJobsServer, type FakeJobsServerOptions, type FakeRunState, type FakeFault,
  type FakeEndpoint, type FakeRun, type RecordedRequest,
} from "./fake-jobs-server.ts";
