// Command backend-oracle builds, with the Flyte 2 backend's own executor and Spark, Ray and Dask
// plugins, the Kubernetes resource each serialized task would launch, and writes it as JSON.
//
//	backend-oracle -in DIR -out DIR -spark-crd FILE
//
// DIR holds `flyte-ts serialize --out` output; every <task>.pb (a binary TaskSpec) becomes
// <task>.json in -out. Any build error is fatal: the oracle accepts a task or says why not.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/flyteorg/flyte/v2/executor/pkg/plugin"
	"github.com/flyteorg/flyte/v2/flyteplugins/go/tasks/pluginmachinery"
	"github.com/flyteorg/flyte/v2/flytestdlib/contextutils"
	"github.com/flyteorg/flyte/v2/flytestdlib/promutils"
	"github.com/flyteorg/flyte/v2/flytestdlib/promutils/labeled"
	"github.com/flyteorg/flyte/v2/flytestdlib/storage"

	// The three engine plugins, registered by their init() as in the executor's plugin loader.
	_ "github.com/flyteorg/flyte/v2/flyteplugins/go/tasks/plugins/k8s/dask"
	_ "github.com/flyteorg/flyte/v2/flyteplugins/go/tasks/plugins/k8s/ray"
	_ "github.com/flyteorg/flyte/v2/flyteplugins/go/tasks/plugins/k8s/spark"
)

// backendVersion names the backend the output comes from; run.sh checks that go.mod pins the same.
const backendVersion = "github.com/flyteorg/flyte/v2 v2.0.43"

func main() {
	in := flag.String("in", "", "folder of serialized tasks (<task>.pb, binary flyteidl2.task.TaskSpec)")
	out := flag.String("out", "", "folder to write <task>.json into")
	sparkCRD := flag.String("spark-crd", "", "SparkApplication CRD YAML the Spark plugin's pod-template probe reads")
	flag.Parse()
	if *in == "" || *out == "" || *sparkCRD == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out, *sparkCRD); err != nil {
		fmt.Fprintln(os.Stderr, "backend-oracle:", err)
		os.Exit(1)
	}
}

func run(in, out, sparkCRD string) error {
	work, err := os.MkdirTemp("", "backend-oracle-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	stop, err := serveSparkCRD(sparkCRD, work)
	if err != nil {
		return err
	}
	defer stop()

	// As the backend's services do at start-up, before any labeled metric (the data store has some).
	labeled.SetMetricKeys(contextutils.ProjectKey, contextutils.DomainKey, contextutils.WorkflowIDKey, contextutils.TaskIDKey)
	ctx := context.Background()
	kube := newRecordingKubeClient()
	setup := plugin.NewSetupContext(kube, plugin.NewNoopSecretManager(), plugin.NewNoopResourceRegistrar(),
		func(map[string]string) error { return nil }, nil, "TaskAction", promutils.NewTestScope())
	registry := plugin.NewRegistry(setup, pluginmachinery.PluginRegistry())
	if err := registry.Initialize(ctx); err != nil {
		return err
	}
	dataStore, err := storage.NewDataStore(&storage.Config{Type: storage.TypeMemory}, promutils.NewTestScope())
	if err != nil {
		return err
	}

	files, err := filepath.Glob(filepath.Join(in, "*.pb"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no serialized tasks (*.pb) in %s", in)
	}
	sort.Strings(files)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var failures []error
	for _, file := range files {
		doc, err := launch(ctx, registry, kube, dataStore, file)
		if err != nil {
			failures = append(failures, fmt.Errorf("%s: %w", filepath.Base(file), err))
			continue
		}
		name := strings.TrimSuffix(filepath.Base(file), ".pb")
		if err := writeJSON(filepath.Join(out, name+".json"), doc); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "backend-oracle: %s -> %s %s\n", name, doc["plugin"], doc["kind"])
	}
	return errors.Join(failures...)
}

// launch runs one task through the executor's path for a new action: TaskExecutionContext from the
// TaskAction, plugin resolved by task type, Handle (BuildResource, then the plugin manager's object
// metadata, then Create), and returns what was created.
func launch(ctx context.Context, registry *plugin.Registry, kube *recordingKubeClient, dataStore *storage.DataStore, file string) (map[string]any, error) {
	tmpl, err := readTaskTemplate(file)
	if err != nil {
		return nil, err
	}
	taskAction, err := newRootTaskAction(tmpl)
	if err != nil {
		return nil, err
	}
	p, err := registry.ResolvePlugin(taskAction.Spec.TaskType)
	if err != nil {
		return nil, err
	}
	if p.GetID() != taskAction.Spec.TaskType {
		return nil, fmt.Errorf("task type %q resolved to plugin %q", taskAction.Spec.TaskType, p.GetID())
	}
	tCtx, err := plugin.NewTaskExecutionContext(taskAction, dataStore,
		plugin.NewPluginStateManager(nil, 0), plugin.NewNoopSecretManager(), plugin.NewNoopResourceManager(), nil)
	if err != nil {
		return nil, err
	}
	transition, err := p.Handle(ctx, tCtx)
	if err != nil {
		return nil, err
	}
	created := kube.take()
	if len(created) != 1 {
		info := transition.Info()
		return nil, fmt.Errorf("expected one created resource, got %d (phase %v, reason %q, err %v)", len(created), info.Phase(), info.Reason(), info.Err())
	}
	resource, err := toJSONObject(created[0])
	if err != nil {
		return nil, err
	}
	normalizeVolatile(resource)
	return map[string]any{
		"task":     tmpl.GetId().GetName(),
		"taskType": tmpl.GetType(),
		"plugin":   p.GetID(),
		"backend":  backendVersion,
		"kind":     resource["kind"],
		"resource": resource,
	}, nil
}

// toJSONObject is the object as the Kubernetes client sends it (encoding/json of the typed object).
func toJSONObject(obj any) (map[string]any, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	err = json.Unmarshal(data, &m)
	return m, err
}

func writeJSON(path string, doc map[string]any) error {
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
