package io.github.aifilters.errors.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over lower-case ASCII phrases: finds which of a few hundred phrases occur in a text in one
 * pass (instead of one {@code contains} per phrase). Characters outside ASCII never match and restart the scan.
 */
final class PhraseMatcher {

    private static final int ALPHABET = 128;

    private final int[][] next;
    private final int[][] outputs;
    private final int size;

    PhraseMatcher(List<String> phrases) {
        this.size = phrases.size();
        List<int[]> go = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        go.add(new int[ALPHABET]);
        out.add(new ArrayList<>());
        for (int p = 0; p < phrases.size(); p++) {
            int node = 0;
            for (char c : phrases.get(p).toCharArray()) {
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("phrases must be ASCII: " + phrases.get(p));
                }
                if (go.get(node)[c] == 0) {
                    go.add(new int[ALPHABET]);
                    out.add(new ArrayList<>());
                    go.get(node)[c] = go.size() - 1;
                }
                node = go.get(node)[c];
            }
            out.get(node).add(p);
        }
        // Breadth-first: failure links, and the goto function completed into a DFA.
        int[] fail = new int[go.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int child = go.get(0)[c];
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            out.get(node).addAll(out.get(fail[node]));
            for (int c = 0; c < ALPHABET; c++) {
                int child = go.get(node)[c];
                if (child != 0) {
                    fail[child] = go.get(fail[node])[c];
                    queue.add(child);
                } else {
                    go.get(node)[c] = go.get(fail[node])[c];
                }
            }
        }
        this.next = go.toArray(new int[0][]);
        this.outputs = new int[out.size()][];
        for (int i = 0; i < out.size(); i++) {
            outputs[i] = out.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
    }

    /**
     * Indexes of the phrases occurring in {@code text}, each once, in order of first occurrence. {@code text} is
     * read lower-cased (ASCII letters only), up to {@code max} characters.
     */
    int[] find(String text, int max) {
        int n = Math.min(text.length(), max);
        boolean[] seen = null;
        int[] found = null;
        int count = 0;
        int state = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c >= ALPHABET) {
                state = 0;
                continue;
            }
            state = next[state][c];
            int[] o = outputs[state];
            for (int p : o) {
                if (seen == null) {
                    seen = new boolean[size];
                    found = new int[8];
                }
                if (!seen[p]) {
                    seen[p] = true;
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = p;
                }
            }
        }
        return count == 0 ? EMPTY : Arrays.copyOf(found, count);
    }

    private static final int[] EMPTY = new int[0];
}
