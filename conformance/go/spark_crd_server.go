package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"sigs.k8s.io/yaml"
)

const sparkCRDPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/sparkapplications.sparkoperator.k8s.io"

// serveSparkCRD answers the Spark plugin's once-per-process probe for pod-template support: the plugin
// reads the SparkApplication CRD from the cluster its kubeconfig names. A loopback server stands in for
// that cluster's API server and returns the given CRD file (the spark-operator release the backend
// is built against), so the probe runs its own code on the real schema. Everything else is 404.
// It points KUBECONFIG at the server; the returned function stops it.
func serveSparkCRD(crdFile, workDir string) (func(), error) {
	raw, err := os.ReadFile(crdFile)
	if err != nil {
		return nil, err
	}
	crd, err := yaml.YAMLToJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", crdFile, err)
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != sparkCRDPath {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(crd)
	}))
	kubeconfig := filepath.Join(workDir, "kubeconfig")
	content := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters: [{name: oracle, cluster: {server: %q}}]
users: [{name: oracle, user: {}}]
contexts: [{name: oracle, context: {cluster: oracle, user: oracle}}]
current-context: oracle
`, server.URL)
	if err := os.WriteFile(kubeconfig, []byte(content), 0o600); err != nil {
		server.Close()
		return nil, err
	}
	// In-cluster configuration is tried first; make sure it is not found.
	_ = os.Unsetenv("KUBERNETES_SERVICE_HOST")
	_ = os.Unsetenv("KUBERNETES_SERVICE_PORT")
	if err := os.Setenv("KUBECONFIG", kubeconfig); err != nil {
		server.Close()
		return nil, err
	}
	return server.Close, nil
}
