package io.github.aifilters.semantic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aifilters.semantic.LabeledText;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentNamesTest {

    @Test
    void namesAreReadAsLowerCaseWords() {
        assertThat(IntentNames.asWords("pto_request_status")).isEqualTo("pto request status");
        assertThat(IntentNames.asWords("AddToPlaylist")).isEqualTo("add to playlist");
        assertThat(IntentNames.asWords("HTTPErrorHelp")).isEqualTo("http error help");
        assertThat(IntentNames.asWords("100_NIGHT_TRIAL_OFFER")).isEqualTo("100 night trial offer");
        assertThat(IntentNames.asWords("billing.refund-request")).isEqualTo("billing refund request");
        assertThat(IntentNames.asWords("order2Ship")).isEqualTo("order2 ship");
        assertThat(IntentNames.asWords("查询订单")).isEqualTo("查询订单");
    }

    @Test
    void aNameWithoutALetterIsNoExample() {
        assertThat(IntentNames.asWords("42")).isNull();
        assertThat(IntentNames.asWords("__")).isNull();
        List<LabeledText> examples = List.of(new LabeledText("hello", "7"));
        assertThat(IntentNames.withNameExamples(examples)).isEqualTo(examples);
    }

    @Test
    void oneNameExamplePerIntentAfterTheGivenOnesUnlessAlreadyAnExample() {
        List<LabeledText> examples = List.of(
                new LabeledText("where is my parcel", "track_order"),
                new LabeledText("Cancel Order", "cancel_order"),
                new LabeledText("has it shipped", "track_order"),
                new LabeledText("stop my order", "cancel_order"));
        assertThat(IntentNames.withNameExamples(examples)).containsExactly(
                examples.get(0), examples.get(1), examples.get(2), examples.get(3),
                new LabeledText("track order", "track_order"));
    }
}
