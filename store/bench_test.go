package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/nsconnect/nsconnect/store"
	"github.com/nsconnect/nsconnect/store/storetest"
)

// BenchmarkUpdate measures a commit of 1 and of 100 keys (a trigger's
// batch of delivered keys, say) on each store; docs/state.md gives the
// ratios.
func BenchmarkUpdate(b *testing.B) {
	opens := []struct {
		name string
		open func(b *testing.B) (store.Store, error)
	}{
		{"sqlite", func(b *testing.B) (store.Store, error) {
			return store.OpenSQLite(filepath.Join(b.TempDir(), "state.db"))
		}},
		{"postgres", func(b *testing.B) (store.Store, error) {
			return store.OpenPostgres(context.Background(), storetest.PostgresURL(b))
		}},
	}
	for _, o := range opens {
		for _, n := range []int{1, 100} {
			b.Run(fmt.Sprintf("%s/keys=%d", o.name, n), func(b *testing.B) {
				st, err := o.open(b)
				if err != nil {
					b.Fatal(err)
				}
				defer st.Close()
				value := make([]byte, 40)
				i := 0
				for b.Loop() {
					err := st.Update(b.Context(), func(tx store.Tx) error {
						for range n {
							i++
							if err := tx.Put(fmt.Sprintf("delivered/%012d", i), value); err != nil {
								return err
							}
						}
						return tx.Put("trigger/bench", value)
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
