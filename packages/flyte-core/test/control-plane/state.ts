import { mkdirSync } from "node:fs";
import type { TaskIdentifier, TaskSpec } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";

/** What the fake control plane remembers: projects, deployed tasks, uploaded objects and issued tokens. */
export class FakeState {
  /**
   * Names of the projects that exist (the OSS server seeds flytesnacks). The OSS server looks a project up by
   * its name only: any domain (and org) of an existing project is accepted.
   */
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

  addProject(project: string): void {
    this.projects.add(project);
  }

  hasProject(project: string): boolean {
    return this.projects.has(project);
  }
}

/** The OSS server's answer for a project that does not exist. */
export function projectNotFound(project: string): string {
  return `project ${JSON.stringify(project)} not found`;
}

export function taskKey(id: { org: string; project: string; domain: string; name: string; version: string }): string {
  return `${id.org}/${id.project}/${id.domain}/${id.name}/${id.version}`;
}

/** The OSS server's text for a task id it does not have (Go's %v of its task key). */
export function taskNotFound(id: { project: string; domain: string; name: string; version: string }): string {
  return `task not found: {${id.project} ${id.domain} ${id.name} ${id.version}}`;
}
