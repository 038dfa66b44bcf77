package dev.tinyreason.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One metadata value of a GGUF file, tagged with its GGUF value type (gguf.md,
 * {@code gguf_metadata_value_type}): the numbers below are what the file stores before the
 * value. Integers of every width are one record, as are both float widths, so a reader keeps
 * the exact type it met and a writer says which one it wants.
 */
public sealed interface GgufValue {

    /** GGUF's value types, in the order that gives each its number. */
    enum Kind {
        UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, BOOL, STRING, ARRAY, UINT64, INT64,
        FLOAT64;

        /** The kind stored as {@code id}; null when the id is not a GGUF value type. */
        static Kind of(int id) {
            return id >= 0 && id < values().length ? values()[id] : null;
        }

        boolean isInteger() {
            return this == UINT8 || this == INT8 || this == UINT16 || this == INT16
                    || this == UINT32 || this == INT32 || this == UINT64 || this == INT64;
        }
    }

    Kind kind();

    /**
     * The value as a person reads it, with its GGUF type: {@code uint32 666},
     * {@code string llama}, {@code array[666] of string: <|pad|>, <|bos|>, …}.
     */
    default String shown() {
        String type = kind().name().toLowerCase();
        if (this instanceof Int i) {
            return type + " " + i.value();
        } else if (this instanceof Real r) {
            return type + " " + (float) r.value();
        } else if (this instanceof Bool b) {
            return type + " " + b.value();
        } else if (this instanceof Text t) {
            return type + " " + t.value();
        }
        Array a = (Array) this;
        List<String> first = new ArrayList<>();
        for (GgufValue v : a.values().subList(0, Math.min(3, a.values().size()))) {
            first.add(v.shown().substring(v.shown().indexOf(' ') + 1));  // without the type
        }
        if (a.values().size() > 3) {
            first.add("…");
        }
        return "array[" + a.values().size() + "] of " + a.elementKind().name().toLowerCase()
                + ": " + String.join(", ", first);
    }

    /** Any integer type. */
    record Int(Kind kind, long value) implements GgufValue {
        public Int {
            if (!kind.isInteger()) {
                throw new IllegalArgumentException("An integer value needs an integer kind, got "
                        + kind + ".");
            }
        }
    }

    /** FLOAT32 or FLOAT64. */
    record Real(Kind kind, double value) implements GgufValue {
        public Real {
            if (kind != Kind.FLOAT32 && kind != Kind.FLOAT64) {
                throw new IllegalArgumentException("A real value is FLOAT32 or FLOAT64, got "
                        + kind + ".");
            }
        }
    }

    record Bool(boolean value) implements GgufValue {
        public Kind kind() {
            return Kind.BOOL;
        }
    }

    /** UTF-8 text. */
    record Text(String value) implements GgufValue {
        public Kind kind() {
            return Kind.STRING;
        }
    }

    /** A list of values of one kind (never an array of arrays here). */
    record Array(Kind elementKind, List<GgufValue> values) implements GgufValue {
        public Array {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        public Kind kind() {
            return Kind.ARRAY;
        }
    }

    static GgufValue u32(long v) {
        return new Int(Kind.UINT32, v);
    }

    static GgufValue f32(double v) {
        return new Real(Kind.FLOAT32, v);
    }

    static GgufValue text(String v) {
        return new Text(v);
    }

    static GgufValue texts(List<String> v) {
        return new Array(Kind.STRING, v.stream().map(Text::new).map(GgufValue.class::cast)
                .toList());
    }

    static GgufValue i32s(int[] v) {
        List<GgufValue> list = new ArrayList<>(v.length);
        for (int x : v) {
            list.add(new Int(Kind.INT32, x));
        }
        return new Array(Kind.INT32, list);
    }
}
