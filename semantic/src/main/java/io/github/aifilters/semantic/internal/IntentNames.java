package io.github.aifilters.semantic.internal;

import io.github.aifilters.semantic.LabeledText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Intent names read as words, used as one more example of their intent ({@code SemanticOptions.intentNameExamples()}).
 */
public final class IntentNames {

    private IntentNames() {
    }

    /**
     * The name as a sentence encoder should read it: {@code pto_request_status} → "pto request status",
     * {@code AddToPlaylist} → "add to playlist", {@code HTTPError} → "http error"; {@code null} when nothing
     * readable is left (no letter).
     */
    public static String asWords(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                appendSpace(out);
                continue;
            }
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    appendSpace(out);
                }
            }
            out.append(c);
        }
        String words = out.toString().strip().toLowerCase(Locale.ROOT);
        return words.chars().anyMatch(Character::isLetter) ? words : null;
    }

    /**
     * {@code examples} followed by one example per intent, in order of first appearance: its name as words, unless
     * that text is already an example of the intent (case-insensitive) or has no letter.
     */
    public static List<LabeledText> withNameExamples(List<LabeledText> examples) {
        Set<String> seen = new HashSet<>();
        Set<String> intents = new LinkedHashSet<>();
        for (LabeledText e : examples) {
            intents.add(e.intent());
            seen.add(e.intent() + '\u0000' + e.text().strip().toLowerCase(Locale.ROOT));
        }
        List<LabeledText> out = new ArrayList<>(examples);
        for (String intent : intents) {
            String words = asWords(intent);
            if (words != null && !seen.contains(intent + '\u0000' + words)) {
                out.add(new LabeledText(words, intent));
            }
        }
        return out;
    }

    private static void appendSpace(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }
}
