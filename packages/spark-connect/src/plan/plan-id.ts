// Every relation gets an id unique in this process; `df.col("x")` refers to its DataFrame by that id, which
// lets Spark resolve columns of self-joins.
let next = 0n;

/** A fresh plan id. */
export function nextPlanId(): bigint {
  return next++;
}
