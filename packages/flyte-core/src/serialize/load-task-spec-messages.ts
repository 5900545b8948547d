// The TaskSpec message functions (protobuf-es with the generated flyteidl2 descriptors). Run from source
// (tests, tsx) they are imported here directly. The build replaces this module with
// load-task-spec-messages.lazy.ts (tsup.config.ts), which loads them on first use: importing
// @flyte-ts/core to declare and encode tasks then loads neither protobuf-es nor the descriptors.
import * as messages from "./task-spec-messages.ts";

export type TaskSpecMessages = typeof messages;

export function taskSpecMessages(): TaskSpecMessages {
  return messages;
}
