import { create } from "@bufbuild/protobuf";
import { RelationSchema, type Relation } from "../gen/spark/connect/relations_pb.ts";
import { nextPlanId } from "./plan-id.ts";

/** A Relation message with a fresh plan id: `relation("filter", { input, condition })`. */
export function relation<K extends NonNullable<Relation["relType"]["case"]>>(kind: K, value: unknown): Relation {
  return create(RelationSchema, { common: { planId: nextPlanId() }, relType: { case: kind, value } } as never);
}
