package io.github.aifilters.examples.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The fenced code blocks of README.md and docs/*.md, and a compiler for the Java ones; no container classes here, so
 * that the Spring Boot example's test (another class path) can use it too.
 */
final class DocSnippets {

    private DocSnippets() {
    }

    /** The repository root: the module sits at examples/library-servlets. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    static final Pattern FENCE = Pattern.compile("(?:<!-- snippet: ([a-z-]+) -->\\s*\\n)?```(\\w+)\\n(.*?)\\n```",
            Pattern.DOTALL);

    record Snippet(Path file, int line, String marker, String lang, String text) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + line + (marker != null ? " (" + marker + ")" : "");
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> out = new ArrayList<>();
        for (Path f : files) {
            String md = Files.readString(f);
            Matcher m = FENCE.matcher(md);
            while (m.find()) {
                int line = (int) md.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                out.add(new Snippet(f, line, m.group(1), m.group(2), m.group(3)));
            }
        }
        return out;
    }

    static boolean isWebXml(Snippet s) {
        return s.lang().equals("xml") && (s.text().contains("<filter-class>") || s.text().contains("<servlet-class>")
                || s.text().contains("<context-param>"));
    }

    /** Compiles one class against the test class path and returns a new instance. */
    static Object compile(String className, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path dir = Files.createTempDirectory("snippet");
        Path src = dir.resolve(className + ".java");
        Files.writeString(src, source);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        java.io.StringWriter errors = new java.io.StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }), "-proc:none", "-cp", cp, "-d", dir.toString(), src.toString());
        assertThat(rc).as("compiling the snippet:\n%s\n%s", source, errors).isZero();
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                DocSnippets.class.getClassLoader())) {
            return loader.loadClass(className).getDeclaredConstructor().newInstance();
        }
    }

}
