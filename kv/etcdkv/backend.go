package etcdkv

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/corets/corets-wasm/kv"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

// backend is a kv.Backend and kv.Watcher on an etcd cluster.
type backend struct {
	cli    *clientv3.Client
	cfg    Config
	prefix []byte
	name   string

	ctx    context.Context // ended by Close
	cancel context.CancelFunc

	buckets bucketCache
}

// Open connects to the cluster cfg names and returns a store on it,
// checking (or, in an empty prefix, writing) the store's format record.
// opt is as for kv.Open, except that MaxValueBytes is cut to
// MaxValueBytes and that Shared, LockTimeout and NoSync mean nothing here:
// every client of the cluster shares the store, and etcd acknowledges a
// write once a quorum has it on disk. No request is made before the first
// one that Open itself needs: a cluster that does not answer fails Open
// with kv.ErrUnavailable after RequestTimeout.
func Open(cfg Config, opt kv.Options) (*kv.DB, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	if opt.MaxValueBytes <= 0 || opt.MaxValueBytes > MaxValueBytes {
		opt.MaxValueBytes = min(max(opt.MaxValueBytes, kv.DefaultMaxValueBytes), MaxValueBytes)
	}
	b, err := newBackend(cfg)
	if err != nil {
		return nil, err
	}
	if err := b.checkForeign(); err != nil {
		b.Close()
		return nil, err
	}
	return kv.OpenBackend(b, b.name, opt)
}

func newBackend(cfg Config) (*backend, error) {
	name := cfg.name()
	cli, err := clientv3.New(clientv3.Config{
		Endpoints:   cfg.Endpoints,
		DialTimeout: cfg.DialTimeout,
		TLS:         cfg.TLS,
		Username:    cfg.Username,
		Password:    cfg.Password,
		Logger:      zap.NewNop(), // a library never prints
		// A transaction of MaxValueBytes and its checks fits.
		MaxCallSendMsgSize: 2 << 20,
	})
	if err != nil {
		if denied(err) {
			return nil, fmt.Errorf("store %s: %w: %w", name, kv.ErrDenied, err)
		}
		return nil, fmt.Errorf("store %s: %w: %w", name, kv.ErrUnavailable, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &backend{cli: cli, cfg: cfg, prefix: []byte(cfg.Prefix), name: name, ctx: ctx, cancel: cancel}, nil
}

// checkForeign refuses a prefix holding keys outside this package's
// layout (every key it writes is the prefix, then 0x00).
func (b *backend) checkForeign() error {
	ctx, cancel := b.reqCtx()
	defer cancel()
	ours := append(append([]byte{}, b.prefix...), sep)
	oursEnd := append(append([]byte{}, b.prefix...), sep+1)
	resp, err := b.txn(ctx, nil, []clientv3.Op{
		clientv3.OpGet(string(b.prefix), clientv3.WithRange(string(ours)), clientv3.WithLimit(1), clientv3.WithKeysOnly()),
		clientv3.OpGet(string(oursEnd), clientv3.WithRange(string(prefixEnd(b.prefix))), clientv3.WithLimit(1), clientv3.WithKeysOnly()),
	})
	if err != nil {
		return b.fail(err)
	}
	for _, r := range resp.Responses {
		if kvs := r.GetResponseRange().GetKvs(); len(kvs) > 0 {
			return fmt.Errorf("store %s: %w: key %q under the prefix %q was not written by this store", b.name, kv.ErrCorrupt, kvs[0].Key, b.prefix)
		}
	}
	return nil
}

// txn sends one etcd transaction. A member without a leader refuses a
// request that requires one (reqCtx) before proposing it, so nothing was
// applied and it is sent again, within ctx, until another member takes
// it: etcd's client retries reads that way itself, but not transactions.
func (b *backend) txn(ctx context.Context, cmps []clientv3.Cmp, ops []clientv3.Op) (*clientv3.TxnResponse, error) {
	for {
		resp, err := b.cli.Txn(ctx).If(cmps...).Then(ops...).Commit()
		if !errors.Is(err, rpctypes.ErrNoLeader) || ctx.Err() != nil {
			return resp, err
		}
		select {
		case <-time.After(10 * time.Millisecond):
		case <-ctx.Done():
		}
	}
}

// reqCtx bounds a request. It requires a leader: a member cut off from
// the others refuses at once (etcd's retry moves a read to another
// endpoint; commit tries a write again) instead of letting the request
// wait out its timeout.
func (b *backend) reqCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(clientv3.WithRequireLeader(b.ctx), b.cfg.RequestTimeout)
}

// fail wraps a request's error: kv.ErrTooLarge for a transaction over
// etcd's limits, kv.ErrDenied for credentials or rights the cluster
// refuses, kv.ErrUnavailable for the rest (the cluster did not answer,
// refused, or this store was closed).
func (b *backend) fail(err error) error {
	switch {
	case errors.Is(err, rpctypes.ErrTooManyOps), errors.Is(err, rpctypes.ErrRequestTooLarge):
		return fmt.Errorf("store %s: %w: etcd refused the transaction: %w", b.name, kv.ErrTooLarge, err)
	case denied(err):
		return fmt.Errorf("store %s: %w: %w", b.name, kv.ErrDenied, err)
	case b.ctx.Err() != nil:
		return fmt.Errorf("store %s: %w: closed", b.name, kv.ErrUnavailable)
	}
	return fmt.Errorf("store %s: %w: %w", b.name, kv.ErrUnavailable, err)
}

// denied reports an error of etcd's authentication or authorization: the
// user and password do not match, a cluster with auth on got none, or the
// user's roles do not cover a key. Waiting will not change it, so it is
// not kv.ErrUnavailable.
func denied(err error) bool {
	return errors.Is(err, rpctypes.ErrAuthFailed) || errors.Is(err, rpctypes.ErrUserEmpty) ||
		errors.Is(err, rpctypes.ErrPermissionDenied)
}

// errRetry ends a run of fn that must run again on a new snapshot: its
// revision was compacted away, or its commit met another writer.
var errRetry = errors.New("etcdkv: retry")

func (b *backend) View(fn func(kv.Bucket) error) error {
	return b.run(false, fn)
}

func (b *backend) Update(fn func(kv.Bucket) error) error {
	return b.run(true, fn)
}

// run runs fn until one run is not told to retry, backing off with jitter
// between runs, for at most RequestTimeout.
func (b *backend) run(writable bool, fn func(kv.Bucket) error) error {
	start := time.Now()
	pause := time.Millisecond
	for attempt := 1; ; attempt++ {
		t := newTx(b, writable)
		err := t.run(fn)
		if err != errRetry {
			return err
		}
		if time.Since(start) >= b.cfg.RequestTimeout {
			return fmt.Errorf("store %s: %w: a transaction had to start again %d times in %s (other writers changed what it read, or its snapshot was compacted); try again",
				b.name, kv.ErrLocked, attempt, time.Since(start).Round(time.Millisecond))
		}
		select {
		case <-time.After(time.Duration(float64(pause) * (0.5 + rand.Float64()))):
		case <-b.ctx.Done():
			return b.fail(b.ctx.Err())
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
}

func (b *backend) Close() error {
	b.cancel()
	return b.cli.Close()
}
