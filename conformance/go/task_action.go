package main

import (
	"fmt"
	"os"

	"google.golang.org/protobuf/proto"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	executorv1 "github.com/flyteorg/flyte/v2/executor/api/v1"
	"github.com/flyteorg/flyte/v2/gen/go/flyteidl2/core"
	"github.com/flyteorg/flyte/v2/gen/go/flyteidl2/task"
)

// The run every task is launched in. Fixed values keep the output reproducible; the names they
// produce (object name, labels, env vars) are listed in conformance/backend-ignored-fields.yaml.
const (
	runName       = "rconformance"
	namespace     = "flyte"
	runOutputBase = "s3://conformance-bucket/org/project/domain/rconformance"
	taskActionUID = "00000000-0000-4000-8000-000000000000"
)

// readTaskTemplate reads a TaskSpec as `flyte-ts serialize --out` writes it (binary protobuf, .pb).
func readTaskTemplate(path string) (*core.TaskTemplate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	spec := &task.TaskSpec{}
	if err := proto.Unmarshal(data, spec); err != nil {
		return nil, fmt.Errorf("%s is not a binary flyteidl2.task.TaskSpec: %w", path, err)
	}
	if spec.GetTaskTemplate() == nil {
		return nil, fmt.Errorf("%s: TaskSpec has no task_template", path)
	}
	return spec.GetTaskTemplate(), nil
}

// newRootTaskAction is the TaskAction the actions service creates for the root action of a run that
// executes this template: the same name scheme ("<run>-a0"), labels, task type and inline template
// bytes, as a run without a start time (so container args are stored unchanged).
func newRootTaskAction(tmpl *core.TaskTemplate) (*executorv1.TaskAction, error) {
	project, domain := tmpl.GetId().GetProject(), tmpl.GetId().GetDomain()
	data, err := proto.Marshal(tmpl)
	if err != nil {
		return nil, err
	}
	return &executorv1.TaskAction{
		TypeMeta: metav1.TypeMeta{APIVersion: executorv1.GroupVersion.String(), Kind: "TaskAction"},
		ObjectMeta: metav1.ObjectMeta{
			Name:      runName + "-a0",
			Namespace: namespace,
			UID:       types.UID(taskActionUID),
			Labels: map[string]string{
				"flyte.org/project":     project,
				"flyte.org/domain":      domain,
				"flyte.org/run":         runName,
				"flyte.org/action":      runName,
				"flyte.org/action-type": executorv1.ActionTypeTask,
				"flyte.org/is-root":     "true",
			},
		},
		Spec: executorv1.TaskActionSpec{
			RunName:       runName,
			Project:       project,
			Domain:        domain,
			ActionName:    runName,
			InputURI:      runOutputBase + "/inputs.pb",
			RunOutputBase: runOutputBase,
			TaskType:      tmpl.GetType(),
			TaskTemplate:  data,
		},
		Status: executorv1.TaskActionStatus{Attempts: 1},
	}, nil
}
