package main

import (
	"context"

	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache/informertest"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// recordingClient stands in for the API server: it keeps what the executor's plugin manager creates,
// after the manager has added its object metadata, exactly as it would be sent. Every other client
// call is unexpected here and panics (nil embedded interface).
type recordingClient struct {
	client.Client
	created []client.Object
}

func (c *recordingClient) Create(_ context.Context, obj client.Object, _ ...client.CreateOption) error {
	c.created = append(c.created, obj.DeepCopyObject().(client.Object))
	return nil
}

// recordingKubeClient is the executor's KubeClient: the recording client, and an informer cache
// that never receives events (the plugin manager watches Kubernetes events through it).
type recordingKubeClient struct {
	client *recordingClient
	cache  cache.Cache
}

func newRecordingKubeClient() *recordingKubeClient {
	return &recordingKubeClient{client: &recordingClient{}, cache: &informertest.FakeInformers{}}
}

func (k *recordingKubeClient) GetClient() client.Client { return k.client }
func (k *recordingKubeClient) GetCache() cache.Cache    { return k.cache }

// take returns the objects created since the last call.
func (k *recordingKubeClient) take() []client.Object {
	out := k.client.created
	k.client.created = nil
	return out
}
