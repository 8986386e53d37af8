package dev.leakline.analyzer.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.leakline.engine.event.ChunkFacts;
import dev.leakline.engine.event.JvmRun;
import dev.leakline.engine.event.RecordedEvent;
import dev.leakline.engine.event.RecordingListener;

/**
 * What a reader told its listener (records, chunk facts, warnings, in order; bad input as one last line), and which
 * run object each record named, by order of first appearance: two readers that must agree are compared on both.
 */
record ReaderCalls(List<Object> calls, List<Integer> runs) {
    static ReaderCalls of(JmcRecordingReader reader, Path file) {
        List<Object> calls = new ArrayList<>();
        List<Integer> runs = new ArrayList<>();
        Map<JvmRun, Integer> seen = new IdentityHashMap<>();
        try {
            reader.read(file, new RecordingListener() {
                @Override
                public void onEvent(RecordedEvent event) {
                    calls.add(event);
                    runs.add(seen.computeIfAbsent(event.run(), r -> seen.size()));
                }

                @Override
                public void onChunk(ChunkFacts chunk) {
                    calls.add(chunk);
                }

                @Override
                public void onWarning(String message) {
                    calls.add(message);
                }
            });
        } catch (BadInputException e) {
            calls.add("bad input: " + e.getMessage());
        }
        return new ReaderCalls(calls, runs);
    }
}
