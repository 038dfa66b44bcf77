/**
 * What notebooks display: {@link dev.tinyreason.viz.Notebook} (the first cell's header),
 * {@link dev.tinyreason.viz.Charts} and {@link dev.tinyreason.viz.LiveChart} (XChart),
 * {@link dev.tinyreason.viz.Tables} (Tablesaw as HTML), {@link dev.tinyreason.viz.Progress}
 * (a live bar), {@link dev.tinyreason.viz.Tokens}, {@link dev.tinyreason.viz.Traces},
 * {@link dev.tinyreason.viz.Boards} and {@link dev.tinyreason.viz.TreeView} (tokens, reasoning
 * traces, puzzles and search trees as HTML or SVG).
 */
package dev.tinyreason.viz;
