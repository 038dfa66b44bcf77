package dev.tinyreason.infer;

import java.util.Locale;

/** Why a sequence stopped, with the names OpenAI's and vLLM's APIs use. */
public enum FinishReason {
    /** It produced one of the stop tokens (included as its last token). */
    STOP,
    /** It reached {@code maxNewTokens}. */
    LENGTH;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
