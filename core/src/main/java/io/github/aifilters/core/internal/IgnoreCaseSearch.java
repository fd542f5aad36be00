package io.github.aifilters.core.internal;

/**
 * Case-insensitive substring search for the modules' hot paths (not API). {@code String.regionMatches(true, …)} at
 * every position costs a case-folded comparison per character of the text; this compares the needle's first letter
 * directly and runs the full comparison only where the needle can start.
 */
public final class IgnoreCaseSearch {

    private IgnoreCaseSearch() {
    }

    /**
     * Whether {@code lowerNeedle} (lower case, not empty) occurs in the first {@code limit} characters of
     * {@code text}, ignoring case exactly as {@code regionMatches(true, …)} does.
     */
    public static boolean contains(String text, String lowerNeedle, int limit) {
        int length = lowerNeedle.length();
        int last = Math.min(text.length(), limit) - length;
        char first = lowerNeedle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            // non-ASCII letters (the Kelvin sign folds to 'k') are compared the way regionMatches compares them
            if ((c == first || c == firstUpper || (c > 0x7f && text.regionMatches(true, i, lowerNeedle, 0, 1)))
                    && text.regionMatches(true, i, lowerNeedle, 0, length)) {
                return true;
            }
        }
        return false;
    }
}
