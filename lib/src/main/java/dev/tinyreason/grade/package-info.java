/**
 * The graded exercises: {@link dev.tinyreason.grade.Exercise} names each one and its JUnit
 * tests, {@link dev.tinyreason.grade.Grader#check} runs them against a learner's function in the
 * notebook and prints the result with hints, and {@link dev.tinyreason.grade.GradeReport} is what
 * {@code ./tinyreason grade} collects per learner.
 */
package dev.tinyreason.grade;
