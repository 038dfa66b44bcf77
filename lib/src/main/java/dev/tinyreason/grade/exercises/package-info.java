/**
 * One exercise per pair of files: {@code X} states the function a learner writes and holds the
 * reference solution (the library's own code wherever the library has it), {@code XTests} are
 * the JUnit tests that grade it, each with a hint.
 */
package dev.tinyreason.grade.exercises;
