import { mkdirSync } from "node:fs";
import type { TaskIdentifier, TaskSpec } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";

/** What the fake control plane remembers: projects, deployed tasks, uploaded objects and issued tokens. */
export class FakeState {
  /** `org/project/domain` keys of the projects that exist (the OSS server seeds flytesnacks/development). */
  readonly projects = new Set<string>();
  readonly tasks = new Map<string, { id: TaskIdentifier; spec: TaskSpec }>();
  /** Objects written through signed URLs: key → absolute file path. */
  readonly objects = new Map<string, string>();
  /** Bearer tokens the token endpoint issued and that are still valid. */
  readonly validTokens = new Set<string>();
  /** How many tokens the token endpoint issued. */
  tokensIssued = 0;

  constructor(readonly storageDir: string) {
    mkdirSync(storageDir, { recursive: true });
  }

  addProject(project: string, domain: string, org = ""): void {
    this.projects.add(projectKey(org, project, domain));
  }

  hasProject(org: string, project: string, domain: string): boolean {
    return this.projects.has(projectKey(org, project, domain));
  }
}

export function projectKey(org: string, project: string, domain: string): string {
  return `${org}/${project}/${domain}`;
}

export function taskKey(id: { org: string; project: string; domain: string; name: string; version: string }): string {
  return `${id.org}/${id.project}/${id.domain}/${id.name}/${id.version}`;
}
