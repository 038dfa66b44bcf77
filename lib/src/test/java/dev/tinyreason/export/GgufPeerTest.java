package dev.tinyreason.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tinyreason.model.Checkpoint;
import dev.tinyreason.model.DecodeSession;
import dev.tinyreason.model.Decoder;
import dev.tinyreason.model.LlamaModel;
import dev.tinyreason.model.TokenBatch;
import dev.tinyreason.tasks.Example;
import dev.tinyreason.tasks.TaskData;
import dev.tinyreason.tokenizer.ChatTemplate;
import dev.tinyreason.tokenizer.Message;
import dev.tinyreason.tokenizer.SpecialTokens;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two independent readers as the oracle for the export. The course's {@code sft-think}
 * checkpoint, exported as F32 and Q8_0, is loaded by Hugging Face's GGUF loader (gguf-py reads
 * the file, dequantises it and undoes the Q/K reordering; it runs in every suite) and by
 * llama.cpp itself through llama-cpp-python ({@code lib/src/test/python/gguf_peer.py}). Both
 * <ul>
 *   <li>F32: give our next-token logits at every position of 10 held-out prompts within 1e-3;
 *   <li>Q8_0: continue at least 95% of 50 held-out prompts greedily token for token as our
 *       fp32 model does;
 *   <li>(llama.cpp only) its own tokenizer (pre-tokenizer "qwen2") gives our ids on course text, and
 *       the file's chat template renders our ChatML text.
 * </ul>
 * llama-cpp-python builds llama.cpp from source (about 17 minutes on two cores), so it is not
 * in requirements.txt; where it is missing from {@code .venv} that test is skipped with the
 * install command in the reason.
 */
@Tag("slow")
class GgufPeerTest {

    static final String SCRIPT = "lib/src/test/python/gguf_peer.py";
    static final String INSTALL = "install llama-cpp-python into the test virtualenv: "
            + ".venv/bin/pip install llama-cpp-python==0.3.36 (it compiles llama.cpp: a C/C++ "
            + "compiler and cmake are needed)";
    static final String HF_INSTALL = "install the test packages: .venv/bin/pip install -r "
            + "lib/src/test/python/requirements.txt";
    static final int LOGIT_PROMPTS = 10;
    static final int GREEDY_PROMPTS = 50;
    static final int MAX_NEW = 48;

    @TempDir
    static Path dir;
    private static Map<String, Object> job;

    @Test
    void transformersReadsOurExportWithOurLogitsAndGreedyTokens() throws Exception {
        JsonObject r = run("transformers", HF_INSTALL);
        System.out.println("gguf peer (transformers): " + r);
        assertWeightsAgree(r);
    }

    @Test
    void llamaCppRunsOurExportWithOurLogitsGreedyTokensAndTokenizer() throws Exception {
        JsonObject r = run("llama_cpp", INSTALL);
        System.out.println("gguf peer (llama.cpp): " + r);
        assertWeightsAgree(r);
        assertEquals(0, r.get("tokenizer_mismatch_count").getAsInt(), () -> "llama.cpp's "
                + "tokenizer differs from ours: " + r.get("tokenizer_mismatches"));
        assertEquals("ok", r.get("chat_template").getAsString(), () -> r.get("chat_template")
                .toString());
        assertArrayEquals(new int[] {SpecialTokens.EOS, SpecialTokens.IM_END},
                new Gson().fromJson(r.get("eog_ids"), int[].class), "llama.cpp stops at these");
    }

    /** F32 gives our logits; Q8_0 continues nearly every prompt as our fp32 model does. */
    private static void assertWeightsAgree(JsonObject r) {
        JsonObject f32 = r.getAsJsonObject("f32");
        JsonObject q8 = r.getAsJsonObject("q8_0");
        double diff = f32.get("logit_max_abs_diff").getAsDouble();
        assertTrue(diff <= 1e-3, "F32 logits differ by up to " + diff + ": " + f32);
        int same = q8.get("greedy_identical").getAsInt();
        assertTrue(same >= 0.95 * GREEDY_PROMPTS, "Q8_0 greedy matches ours on " + same + " of "
                + GREEDY_PROMPTS + " prompts: " + q8);
    }

    /**
     * The files and our side of every comparison, made once for both peers: {@code sft-think}
     * exported as F32 and Q8_0, our logits and greedy continuations on held-out prompts, course
     * text with our ids, and our chat renderings.
     */
    private static synchronized Map<String, Object> job(Path root) throws Exception {
        if (job != null) {
            return job;
        }
        Checkpoint ckpt = Checkpoint.load(root.resolve("data/checkpoints/sft-think"));
        Map<String, Object> j = new HashMap<>();
        for (GgufFileType type : new GgufFileType[] {GgufFileType.F32, GgufFileType.Q8_0}) {
            Path f = dir.resolve("sft-think-" + type + ".gguf");
            LlamaGguf.export(ckpt, "sft-think", type, f);
            j.put(type.name().toLowerCase(), f.toString());
        }
        Tokenizer tok = ckpt.tokenizer();
        ChatTemplate chat = new ChatTemplate(tok);
        List<Example> all = TaskData.read(root.resolve("data/arith/test.jsonl"));
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < GREEDY_PROMPTS; i++) {  // spread over the difficulty levels
            Example e = all.get(i * all.size() / GREEDY_PROMPTS);
            prompts.add(chat.render(List.of(Message.user(e.prompt())), true, true).ids());
        }
        List<int[]> logitPrompts = new ArrayList<>();
        List<float[][]> logits = new ArrayList<>();
        List<int[]> greedy = new ArrayList<>();
        try (LlamaModel model = ckpt.model()) {
            for (int i = 0; i < GREEDY_PROMPTS; i++) {
                if (i % (GREEDY_PROMPTS / LOGIT_PROMPTS) == 0) {
                    logitPrompts.add(prompts.get(i));
                    logits.add(model.logits(TokenBatch.of(prompts.get(i)))[0]);
                }
                greedy.add(greedy(model, prompts.get(i)));
            }
        }
        j.put("logit_prompts", logitPrompts);
        j.put("logits", logits);
        j.put("greedy_prompts", prompts);
        j.put("greedy", greedy);
        j.put("max_new", MAX_NEW);
        j.put("stops", List.of(SpecialTokens.EOS, SpecialTokens.IM_END));
        List<String> texts = courseTexts(root, chat);
        j.put("texts", texts);
        j.put("text_ids", texts.stream().map(t -> tok.encode(t, true)).toList());
        j.put("chat", chatCases(chat, all.get(all.size() - 1)));
        job = j;
        return j;
    }

    /** Our fp32 greedy continuation of {@code prompt}, stop token included. */
    static int[] greedy(LlamaModel model, int[] prompt) {
        List<Integer> out = new ArrayList<>();
        try (Decoder d = Decoder.open(model, 1, prompt.length + MAX_NEW)) {
            DecodeSession.Greedy g = d.prefillGreedy(TokenBatch.of(prompt));
            while (true) {
                int t = g.tokens()[0];
                out.add(t);
                if (t == SpecialTokens.EOS || t == SpecialTokens.IM_END || out.size() == MAX_NEW) {
                    break;
                }
                g = d.stepGreedy(new int[] {t});
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Prompts and whole training conversations of three tasks, and the data card's prose. */
    static List<String> courseTexts(Path root, ChatTemplate chat) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String task : List.of("arith", "countdown", "word")) {
            List<Example> ex = TaskData.read(root.resolve("data/" + task + "/test.jsonl"));
            for (int i = 0; i < ex.size(); i += Math.max(1, ex.size() / 20)) {
                Example e = ex.get(i);
                texts.add(e.prompt());
                for (boolean thinking : new boolean[] {true, false}) {
                    String reply = thinking ? e.thinkingCompletion() : e.directCompletion();
                    texts.add(chat.render(List.of(Message.user(e.prompt()),
                            Message.assistant(reply)), false, thinking).text());
                }
            }
        }
        for (String para : Files.readString(root.resolve("data/README.md")).split("\n\n")) {
            texts.add(para);
        }
        return texts;
    }

    /** Our renderings, for the Jinja template to reproduce. */
    static List<Map<String, Object>> chatCases(ChatTemplate chat, Example e) {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (boolean thinking : new boolean[] {true, false}) {
            String reply = thinking ? e.thinkingCompletion() : e.directCompletion();
            List<Message> prompt = List.of(Message.system("Be brief."), Message.user(e.prompt()));
            List<Message> whole = List.of(Message.user(e.prompt()), Message.assistant(reply));
            for (List<Message> m : List.of(prompt, whole)) {
                boolean open = m == prompt;
                Map<String, Object> c = new HashMap<>();
                c.put("messages", m.stream().map(x -> Map.of("role", x.role(), "content",
                        x.content())).toList());
                c.put("add_generation_prompt", open);
                c.put("enable_thinking", thinking ? null : false);  // null: the default is on
                c.put("text", chat.render(m, open, thinking).text());
                cases.add(c);
            }
        }
        return cases;
    }

    /** Runs the peer script with {@code backend}; skips, naming {@code install}, if it is missing. */
    private static JsonObject run(String backend, String install) throws Exception {
        Path root = root();
        Path python = root.resolve(".venv/bin/python");
        Assumptions.assumeTrue(Files.isExecutable(python), () -> loud(backend, "no " + python,
                install));
        String module = backend.equals("llama_cpp") ? "llama_cpp" : "gguf, transformers";
        Process probe = new ProcessBuilder(python.toString(), "-c", "import " + module)
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor() == 0, () -> loud(backend, module
                + " does not import in " + python, install));
        Path in = dir.resolve("job.json");
        if (!Files.exists(in)) {
            Files.writeString(in, new Gson().toJson(job(root)), StandardCharsets.UTF_8);
        }
        Path out = dir.resolve(backend + ".json");
        Process p = new ProcessBuilder(python.toString(), root.resolve(SCRIPT).toString(), backend,
                in.toString(), out.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(SCRIPT + " timed out after 10 minutes");
        }
        Assumptions.assumeTrue(p.exitValue() != 3, () -> loud(backend, output.strip(), install));
        assertEquals(0, p.exitValue(), () -> SCRIPT + " failed:\n" + output);
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }

    /** The skip reason, also printed, so that a skipped peer is seen in the build log. */
    private static String loud(String backend, String why, String install) {
        String message = "SKIPPED the " + backend + " GGUF peer test (" + why + "): " + install;
        System.err.println(message);
        return message;
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(SCRIPT))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("cannot find " + SCRIPT + " above the working directory");
        }
        return dir;
    }
}
