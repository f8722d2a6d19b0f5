"""The best assignment of shared places to the tracks' cohorts: a maximum matching.

An offer open to several tracks is one place, which one student of one of
those tracks will take. How many students of each track get a place is a
maximum bipartite matching between offers and students; offers open to the
same set of tracks are interchangeable, so the matching runs on aggregated
counts — a flow network of at most 2^tracks groups, whatever the batch size:

    source → group of tracks (capacity: its offers) → track (unbounded)
           → sink (capacity: the track's cohort)

Augmenting paths (breadth first, Edmonds–Karp) on that tiny network find the
maximum; groups and tracks are visited in a fixed order, so the result is
deterministic. No scipy: a few dozen nodes need none.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping


def assign_places(
    groups: Mapping[frozenset[str], int], cohorts: Mapping[str, int]
) -> dict[str, int]:
    """Students of each track who get a place, in a maximum assignment.

    ``groups`` counts the offers by the set of tracks each is open (and valid)
    for; ``cohorts`` gives each track's number of students (a track absent from
    it claims no place). Returns a count for every track of ``cohorts``; the
    sum is the largest number of students that can be placed, each offer
    taking at most one student of a track it names.
    """
    tracks = sorted(cohorts)
    kinds = sorted((g for g, n in groups.items() if n > 0), key=sorted)
    # Nodes: 0 source, 1..len(kinds) groups, then tracks, then the sink.
    source, sink = 0, 1 + len(kinds) + len(tracks)
    track_node = {t: 1 + len(kinds) + i for i, t in enumerate(tracks)}
    size = sink + 1
    capacity = [[0] * size for _ in range(size)]
    unbounded = sum(groups.values()) + 1
    for i, group in enumerate(kinds, start=1):
        capacity[source][i] = groups[group]
        for track in sorted(group):
            if track in track_node:
                capacity[i][track_node[track]] = unbounded
    for track, node in track_node.items():
        capacity[node][sink] = max(cohorts[track], 0)
    flow = [[0] * size for _ in range(size)]
    while True:
        parent = _augmenting_path(capacity, flow, source, sink)
        if parent is None:
            break
        bottleneck = unbounded
        node = sink
        while node != source:
            previous = parent[node]
            bottleneck = min(bottleneck, capacity[previous][node] - flow[previous][node])
            node = previous
        node = sink
        while node != source:
            previous = parent[node]
            flow[previous][node] += bottleneck
            flow[node][previous] -= bottleneck
            node = previous
    return {track: flow[node][sink] for track, node in track_node.items()}


def _augmenting_path(
    capacity: list[list[int]], flow: list[list[int]], source: int, sink: int
) -> list[int] | None:
    """Breadth-first path with room left, as each node's parent; None when there is none."""
    parent = [-1] * len(capacity)
    parent[source] = source
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for following in range(len(capacity)):
            if parent[following] == -1 and capacity[node][following] - flow[node][following] > 0:
                parent[following] = node
                if following == sink:
                    return parent
                queue.append(following)
    return None
