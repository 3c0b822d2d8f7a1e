package org.nnlab.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every equation the page links to is an anchor of the book, so that no panel's title links to nowhere. */
class PageLinksTest {

    @Test
    void everyEquationLinkOfThePageIsAnAnchorInTheBook() throws IOException {
        String page;
        try (InputStream in = PageLinksTest.class.getResourceAsStream("page/index.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder book = new StringBuilder();
        try (Stream<Path> chapters = Files.list(Path.of("docs"))) {
            for (Path chapter : chapters.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                book.append(Files.readString(chapter));
            }
        }
        List<String> missing = new ArrayList<>();
        Matcher link = Pattern.compile("href=\"/book/index\\.html#([\\w-]+)\"").matcher(page);
        int links = 0;
        while (link.find()) {
            links++;
            String anchor = link.group(1);
            if (!book.toString().contains("[[" + anchor + ",") && !book.toString().contains("[[" + anchor + "]]")) {
                missing.add(anchor);
            }
        }
        assertTrue(links >= 10, "the page links to " + links + " equations");
        assertEquals(List.of(), missing, "anchors the page links to but the book does not define");
    }
}
