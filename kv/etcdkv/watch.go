package etcdkv

import (
	"context"
	"time"

	"github.com/corets/corets-wasm/kv"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// WatchBucket sends the changes to the keys held directly in the bucket at
// path, made by anyone on the cluster, from the revision current when it
// returns. When etcd's watch breaks (the member lost its leader or the
// connection, or the revision to resume from was compacted) it sends a
// Resync and watches again from the then current revision. The channel
// closes when ctx ends or the store is closed.
func (b *backend) WatchBucket(ctx context.Context, path [][]byte) (<-chan kv.Change, error) {
	lo, hi := childrenRange(bucketKey(b.prefix, path))
	rev, err := b.currentRev(ctx)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(b.ctx, cancel) // the store closed
	out := make(chan kv.Change)
	go func() {
		defer close(out)
		defer stop()
		defer cancel()
		send := func(c kv.Change) bool {
			select {
			case out <- c:
				return true
			case <-ctx.Done():
				return false
			}
		}
		pause := 50 * time.Millisecond
		for {
			wctx, wcancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
			for resp := range b.cli.Watch(wctx, string(lo), clientv3.WithRange(string(hi)), clientv3.WithRev(rev+1)) {
				if resp.Canceled || resp.CompactRevision != 0 || resp.Err() != nil {
					break
				}
				for _, ev := range resp.Events {
					rev = ev.Kv.ModRevision
					c := kv.Change{Key: append([]byte{}, ev.Kv.Key[len(lo):]...)}
					if ev.Type == clientv3.EventTypePut {
						v, isBucket, err := decodeRecord(ev.Kv.Key, ev.Kv.Value)
						switch {
						case err != nil:
							c = kv.Change{Resync: true} // not a record: let the reader look
						case isBucket:
							continue // a bucket inside a group: not a key's change
						default:
							c.Value = append([]byte{}, v...)
						}
					}
					if !send(c) {
						wcancel()
						return
					}
				}
				pause = 50 * time.Millisecond
			}
			wcancel()
			if ctx.Err() != nil {
				return
			}
			// Closed by etcd or broken: either way, start again.
			if !send(kv.Change{Resync: true}) {
				return
			}
			for {
				select {
				case <-time.After(pause):
				case <-ctx.Done():
					return
				}
				pause = min(2*pause, 2*time.Second)
				if r, err := b.currentRev(ctx); err == nil {
					rev = r
					break
				}
			}
		}
	}()
	return out, nil
}

// currentRev is the cluster's revision now (a linearizable read).
func (b *backend) currentRev(ctx context.Context) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.RequestTimeout)
	defer cancel()
	stop := context.AfterFunc(b.ctx, cancel)
	defer stop()
	resp, err := b.cli.Get(ctx, string(b.prefix), clientv3.WithCountOnly())
	if err != nil {
		return 0, b.fail(err)
	}
	return resp.Header.Revision, nil
}
