package org.nnlab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers to the book's exercises are for teachers (a teacher's test, left out of every kit):
 * every exercise of the book has an answer in {@code answers/answers.adoc}, and a student's kit
 * holds neither the {@code answers} directory nor any line of the answers page.
 */
class ExerciseAnswersTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path ANSWERS = PROJECT.resolve("answers/answers.adoc");
    /** An exercise's anchor in a chapter: [[ex-4-2]] is exercise 4.2, [[ex-a-1]] appendix A's first. */
    private static final Pattern EXERCISE = Pattern.compile("\\[\\[ex-([0-9a-z]+)-(\\d+)[,\\]]");

    @Test
    void everyExerciseOfTheBookHasAnAnswer() throws IOException {
        String answers = Files.readString(ANSWERS, StandardCharsets.UTF_8);
        List<String> exercises = new ArrayList<>();
        try (Stream<Path> chapters = Files.list(PROJECT.resolve("docs"))) {
            for (Path chapter : chapters.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                Matcher m = EXERCISE.matcher(Files.readString(chapter, StandardCharsets.UTF_8));
                while (m.find()) {
                    exercises.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + "." + m.group(2));
                }
            }
        }
        assertTrue(exercises.size() >= 30, "the book's chapters hold " + exercises.size() + " exercises");
        for (String exercise : exercises) {
            assertTrue(answers.contains("*" + exercise + "*"), "exercise " + exercise + " has no answer in " + ANSWERS);
        }
    }

    @Test
    void aStudentsKitHoldsNoAnswer(@TempDir Path temp) throws IOException {
        LabKit.Kit kit = new LabKit(PROJECT, LabLayer.DEFAULT).generate(temp.resolve("kit"));
        assertFalse(Files.exists(kit.out().resolve("answers")), "the kit has an answers directory");
        assertTrue(kit.leftOut().contains("answers/"), "lab-kit says it left answers/ out: " + kit.leftOut());

        // Every answer's text, a line at a time: none may appear anywhere in the kit, under any name.
        List<String> answerLines = Files.readAllLines(ANSWERS, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("*") && line.length() >= 40)
                .toList();
        assertTrue(answerLines.size() >= 30, "the answers page has " + answerLines.size() + " answer lines to look for");
        try (Stream<Path> files = Files.walk(kit.out())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = textOrNull(file);
                if (text == null) {
                    continue;
                }
                for (String line : answerLines) {
                    assertFalse(text.contains(line), kit.out().relativize(file) + " holds an answer: " + line);
                }
            }
        }
    }

    private static String textOrNull(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
