package dev.tinyreason.infer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodResultTest {

    @Test
    void aSearchCountsItsOwnCallsAndOthersOneCallAPuzzle() {
        var cot = MethodResult.of(JsonParser.parseString("{\"method\":\"cot\",\"n\":4,"
                + "\"accuracy\":0.25,\"generated_tokens\":400}").getAsJsonObject());
        assertEquals(new MethodResult("CoT", 4, 0.25, 1, 100), cot);
        var bfs = MethodResult.of(JsonParser.parseString("{\"method\":\"tot-bfs\",\"n\":4,"
                + "\"accuracy\":0.5,\"generated_tokens\":800,\"model_calls\":20,"
                + "\"search\":{\"breadth\":5,\"value\":\"oracle\"}}").getAsJsonObject());
        assertEquals(new MethodResult("ToT-BFS b=5 (oracle value)", 4, 0.5, 5, 200), bfs);
        var sc = MethodResult.of(JsonParser.parseString("{\"method\":\"sc\",\"k\":10,\"n\":1,"
                + "\"accuracy\":0,\"generated_tokens\":1000}").getAsJsonObject());
        assertEquals("CoT-SC@10", sc.method());
    }

    @Test
    void theShippedHardest100FileHasOneLineAMethod() {
        List<MethodResult> rows = MethodResult.read(Shipped.checkpoint("tot")
                .resolve("game24_hardest100.jsonl"));
        assertEquals(List.of("IO", "CoT", "CoT-SC", "ToT-BFS b=1", "ToT-BFS b=5", "ToT-DFS",
                "MCTS", "ToT-BFS b=5 (oracle value)"), rows.stream().map(MethodResult::method)
                .toList());
        rows.forEach(r -> assertEquals(100, r.n()));
    }
}
