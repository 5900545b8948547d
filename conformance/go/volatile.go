package main

import (
	"regexp"
	"sort"
)

// startTimePlaceholder replaces the submission time (ms since the epoch) that the Spark plugin writes
// into the driver's environment, the one value that changes from run to run. The same text is what
// flyte-ts render shows there.
const startTimePlaceholder = "<submission time in ms>"

var epochMillis = regexp.MustCompile(`^[0-9]{13}$`)

// normalizeVolatile makes the output reproducible. It only replaces a value of the expected form, so a
// change in what the backend writes there still shows up as a difference.
func normalizeVolatile(resource map[string]any) {
	sortMapOrderedEnv(resource)
	spec, _ := resource["spec"].(map[string]any)
	conf, _ := spec["sparkConf"].(map[string]any)
	const key = "spark.kubernetes.driverEnv.FLYTE_START_TIME"
	if value, ok := conf[key].(string); ok && epochMillis.MatchString(value) {
		conf[key] = startTimePlaceholder
	}
}

// The executor keeps these env vars in a Go map and adds them to every container in map order, which
// changes from run to run. Sorting each run of them by name gives one order; every other entry keeps
// its place.
var mapOrderedEnv = map[string]bool{"ACTION_NAME": true, "RUN_NAME": true, "_U_RUN_BASE": true, "_U_ORG_NAME": true}

func sortMapOrderedEnv(node any) {
	switch v := node.(type) {
	case map[string]any:
		for key, child := range v {
			if env, ok := child.([]any); ok && key == "env" {
				sortEnvRuns(env)
			}
			sortMapOrderedEnv(child)
		}
	case []any:
		for _, child := range v {
			sortMapOrderedEnv(child)
		}
	}
}

func sortEnvRuns(env []any) {
	name := func(i int) string { m, _ := env[i].(map[string]any); s, _ := m["name"].(string); return s }
	for start := 0; start < len(env); {
		if !mapOrderedEnv[name(start)] {
			start++
			continue
		}
		end := start
		for end < len(env) && mapOrderedEnv[name(end)] {
			end++
		}
		run := env[start:end]
		sort.SliceStable(run, func(a, b int) bool { return name(start+a) < name(start+b) })
		start = end
	}
}
