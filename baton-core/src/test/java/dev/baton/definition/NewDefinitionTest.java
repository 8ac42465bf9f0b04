package dev.baton.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What a new version may be: checked once, with a message that names the value. */
class NewDefinitionTest {
  private static NewDefinition build(UnaryOperator<NewDefinition.Builder> change) {
    return change
        .apply(
            NewDefinition.builder(
                    DefinitionKind.BLUEPRINT, "orders", DefinitionContent.yaml("a: 1"))
                .at(Instant.EPOCH))
        .build();
  }

  @Test
  void badValuesAreRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() ->
            NewDefinition.builder(DefinitionKind.BLUEPRINT, "a b", DefinitionContent.yaml(""))
                .at(Instant.EPOCH)
                .build())
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("name 'a b' is not valid");
    assertThatThrownBy(() -> build(b -> b.tags(List.of("a|b"))))
        .hasMessageStartingWith("tag 'a|b' is not valid");
    assertThatThrownBy(() -> build(b -> b.tags(List.of("a\u0000")))).hasMessageStartingWith("tag ");
    assertThatThrownBy(() -> build(b -> b.folder("/abs"))).hasMessageStartingWith("folder '/abs'");
    assertThatThrownBy(() -> build(b -> b.folder("a//b"))).hasMessageStartingWith("folder ");
    assertThatThrownBy(() -> build(b -> b.title("x\u0000")))
        .hasMessage("title contains a control character (U+0000)");
    assertThatThrownBy(() -> build(b -> b.description("d".repeat(10_001))))
        .hasMessage("description is longer than 10000 characters");
    assertThatThrownBy(() -> build(b -> b.declaredVersion(0)))
        .hasMessage("a declared version is 1 or more; was 0");
    assertThatThrownBy(() -> build(b -> b.status(DefinitionStatus.ARCHIVED)))
        .hasMessage("a new version is a draft or published, not archived");
    assertThatThrownBy(() ->
            NewDefinition.builder(
                    DefinitionKind.WORKFLOW, "w", DefinitionContent.json("{\"a\":\"\u0000\"}"))
                .at(Instant.EPOCH)
                .build())
        .hasMessage("the content contains a NUL character");
  }

  @Test
  void aTitleDefaultsToTheNameAndAFolderNestsWithSlashes() {
    NewDefinition d = build(b -> b.folder("finance/eu").description("line 1\nline 2"));
    assertThat(d.title()).isEqualTo("orders");
    assertThat(d.versionAfter(0)).isEqualTo(1);
    assertThat(build(b -> b.declaredVersion(4)).versionAfter(2)).isEqualTo(4);
    assertThat(build(b -> b.declaredVersion(4)).versionAfter(7)).isEqualTo(8);
  }

  @Test
  void theHashIgnoresLineEndsAndTrailingSpaceButNotComments() {
    String a = DefinitionContent.yaml("a: 1\nb: 2\n").hash();
    assertThat(DefinitionContent.yaml("\r\na: 1   \r\nb: 2\r\n\r\n").hash()).isEqualTo(a);
    assertThat(DefinitionContent.yaml("a: 1\nb: 2 # two\n").hash()).isNotEqualTo(a);
    assertThat(DefinitionContent.yaml(" a: 1\nb: 2\n").hash())
        .as("leading indent counts")
        .isNotEqualTo(a);
  }
}
