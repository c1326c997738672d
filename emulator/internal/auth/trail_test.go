package auth

import (
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTrail(t *testing.T) {
	t.Parallel()
	tr := NewTrail(4)
	if got := tr.List("", 0); len(got) != 0 {
		t.Errorf("empty trail lists %v", got)
	}
	add := func(n int) {
		for i := range n {
			status := Success
			if i%2 == 1 {
				status = Failure
			}
			tr.Add(Entry{Status: status, Detail: fmt.Sprint(tr.Len(), "-", i)})
		}
	}
	details := func(es []Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Detail)
		}
		return out
	}
	add(3)
	if diff := cmp.Diff([]string{"2-2", "1-1", "0-0"}, details(tr.List("", 0))); diff != "" {
		t.Errorf("newest first (-want +got):\n%s", diff)
	}
	add(3) // 6 added, 4 kept: the ring wraps
	if diff := cmp.Diff([]string{"4-2", "4-1", "3-0", "2-2"}, details(tr.List("", 0))); diff != "" {
		t.Errorf("after wrapping (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"4-1"}, details(tr.List(Failure, 0))); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"4-2", "3-0"}, details(tr.List(Success, 2))); diff != "" {
		t.Errorf("2 successes (-want +got):\n%s", diff)
	}
	if tr.Len() != 4 {
		t.Errorf("Len = %d", tr.Len())
	}
}

func TestTrailIsBounded(t *testing.T) {
	t.Parallel()
	tr := NewTrail(DefaultTrailCapacity)
	for i := range DefaultTrailCapacity + 500 {
		tr.Add(Entry{Detail: fmt.Sprint(i)})
	}
	if tr.Len() != DefaultTrailCapacity {
		t.Errorf("Len = %d", tr.Len())
	}
	list := tr.List("", 0)
	if list[0].Detail != fmt.Sprint(DefaultTrailCapacity+499) || list[len(list)-1].Detail != "500" {
		t.Errorf("newest %s, oldest %s", list[0].Detail, list[len(list)-1].Detail)
	}
	if NewTrail(0).cap != 1 {
		t.Error("a trail keeps at least one entry")
	}
}

func TestTrailConcurrent(t *testing.T) {
	t.Parallel()
	tr := NewTrail(100)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 500 {
				tr.Add(Entry{Status: Failure})
			}
		})
		wg.Go(func() {
			for range 100 {
				tr.List(Failure, 10)
				tr.Len()
			}
		})
	}
	wg.Wait()
	if tr.Len() != 100 {
		t.Errorf("Len = %d", tr.Len())
	}
}
