package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {

  private static List<LocalDateTime> firstFires(String expression, String from, int n) {
    CronExpression cron = CronExpression.parse(expression);
    List<LocalDateTime> fires = new ArrayList<>();
    LocalDateTime t = LocalDateTime.parse(from);
    for (int i = 0; i < n; i++) {
      t = cron.nextAfter(t).orElseThrow();
      fires.add(t);
    }
    return fires;
  }

  private static List<LocalDateTime> times(String... texts) {
    return java.util.Arrays.stream(texts).map(LocalDateTime::parse).toList();
  }

  @Test
  void fiveFieldsAreMinuteFirst() {
    assertThat(firstFires("*/15 9-17 * * MON-FRI", "2026-01-09T16:50", 4))
        .isEqualTo(
            times("2026-01-09T17:00", "2026-01-09T17:15", "2026-01-09T17:30", "2026-01-09T17:45"));
    assertThat(CronExpression.parse("0 0 * * *").hasSeconds()).isFalse();
  }

  @Test
  void sixFieldsAreSecondFirst() {
    CronExpression cron = CronExpression.parse("*/20 30 2 * * *");
    assertThat(cron.hasSeconds()).isTrue();
    assertThat(firstFires("*/20 30 2 * * *", "2026-01-01T00:00", 4))
        .isEqualTo(
            times(
                "2026-01-01T02:30:00",
                "2026-01-01T02:30:20",
                "2026-01-01T02:30:40",
                "2026-01-02T02:30:00"));
  }

  @Test
  void strictlyAfterEvenWithinTheSecond() {
    CronExpression cron = CronExpression.parse("0 12 * * *");
    assertThat(cron.nextAfter(LocalDateTime.parse("2026-01-01T12:00")))
        .contains(LocalDateTime.parse("2026-01-02T12:00"));
    assertThat(cron.nextAfter(LocalDateTime.parse("2026-01-01T11:59:59.999999999")))
        .contains(LocalDateTime.parse("2026-01-01T12:00"));
    assertThat(cron.nextAfter(LocalDateTime.parse("2026-01-01T12:00:00.000000001")))
        .contains(LocalDateTime.parse("2026-01-02T12:00"));
  }

  @ParameterizedTest
  @CsvSource({
    "@yearly,   0 0 1 1 *",
    "@annually, 0 0 1 1 *",
    "@monthly,  0 0 1 * *",
    "@weekly,   0 0 * * 0",
    "@daily,    0 0 * * *",
    "@midnight, 0 0 * * *",
    "@hourly,   0 * * * *",
    "@DAILY,    0 0 * * *"
  })
  void macrosAreTheirExpansions(String macro, String expansion) {
    assertThat(firstFires(macro, "2026-02-27T10:17", 5))
        .isEqualTo(firstFires(expansion, "2026-02-27T10:17", 5));
    assertThat(CronExpression.parse(macro).text()).isEqualTo(macro);
  }

  @Test
  void namesAndSevenForSunday() {
    assertThat(firstFires("0 0 * JAN,jul sun", "2026-01-01T00:00", 2))
        .isEqualTo(times("2026-01-04T00:00", "2026-01-11T00:00"));
    assertThat(firstFires("0 0 * * 7", "2026-01-01T00:00", 2))
        .isEqualTo(firstFires("0 0 * * 0", "2026-01-01T00:00", 2));
    assertThat(firstFires("0 0 * * 5-7", "2026-01-01T00:00", 4))
        .isEqualTo(
            times("2026-01-02T00:00", "2026-01-03T00:00", "2026-01-04T00:00", "2026-01-09T00:00"));
  }

  @Test
  void questionMarkIsAStarInTheDayFields() {
    assertThat(firstFires("0 9 ? * MON", "2026-01-01T00:00", 2))
        .isEqualTo(firstFires("0 9 * * 1", "2026-01-01T00:00", 2));
    assertThat(firstFires("0 9 13 * ?", "2026-01-01T00:00", 2))
        .isEqualTo(times("2026-01-13T09:00", "2026-02-13T09:00"));
  }

  @Test
  void dayOfMonthOrDayOfWeekWhenBothAreRestricted() {
    // POSIX: the 13th, and every Friday.
    assertThat(firstFires("0 0 13 * 5", "2026-01-01T00:00", 4))
        .isEqualTo(
            times("2026-01-02T00:00", "2026-01-09T00:00", "2026-01-13T00:00", "2026-01-16T00:00"));
    // With a star in either, the other decides alone.
    assertThat(firstFires("0 0 13 * *", "2026-01-01T00:00", 1))
        .isEqualTo(times("2026-01-13T00:00"));
    assertThat(firstFires("0 0 * * 5", "2026-01-01T00:00", 1)).isEqualTo(times("2026-01-02T00:00"));
  }

  @Test
  void lastDayNearestWeekdayAndNthWeekday() {
    assertThat(firstFires("0 0 L * *", "2026-01-01T00:00", 4))
        .isEqualTo(
            times("2026-01-31T00:00", "2026-02-28T00:00", "2026-03-31T00:00", "2026-04-30T00:00"));
    assertThat(firstFires("0 0 L 2 *", "2027-03-01T00:00", 2))
        .isEqualTo(times("2028-02-29T00:00", "2029-02-28T00:00"));
    // Last weekday: 31 Jan 2026 is a Saturday, 28 Feb too, 31 May a Sunday.
    assertThat(firstFires("0 0 LW * *", "2026-01-01T00:00", 5))
        .isEqualTo(
            times(
                "2026-01-30T00:00",
                "2026-02-27T00:00",
                "2026-03-31T00:00",
                "2026-04-30T00:00",
                "2026-05-29T00:00"));
    // Nearest weekday to the 15th: 15 Feb 2026 is a Sunday, 15 Mar too.
    assertThat(firstFires("0 0 15W * *", "2026-02-01T00:00", 2))
        .isEqualTo(times("2026-02-16T00:00", "2026-03-16T00:00"));
    // Last Friday, second Monday.
    assertThat(firstFires("0 0 * * 5L", "2026-01-01T00:00", 2))
        .isEqualTo(times("2026-01-30T00:00", "2026-02-27T00:00"));
    assertThat(firstFires("0 9 * * 1#2", "2026-01-01T00:00", 3))
        .isEqualTo(times("2026-01-12T09:00", "2026-02-09T09:00", "2026-03-09T09:00"));
    assertThat(firstFires("0 9 * * MON#2", "2026-01-01T00:00", 1))
        .isEqualTo(times("2026-01-12T09:00"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "61 * * * *       | minute       | cron '61 * * * *': minute: value 61 is out of range 0-59",
        "* * *            |              | cron '* * *': expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first), found 3",
        "''               |              | cron '': expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first), found 0",
        "0 0 0 1 1 * 2030 |              | cron '0 0 0 1 1 * 2030': expected 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first), found 7",
        "0 0 30 2 *       |              | cron '0 0 30 2 *' never fires",
        "0 0 31 4,6,9,11 *|              | cron '0 0 31 4,6,9,11 *' never fires",
        "0 0 * * 0#5,1#5  | day-of-week  | cron '0 0 * * 0#5,1#5': day-of-week: '0#5' (L, W or #) must be the only value in its field, not part of a list",
        "0 24 * * *       | hour         | cron '0 24 * * *': hour: value 24 is out of range 0-23",
        "0 0 0 * *        | day-of-month | cron '0 0 0 * *': day-of-month: value 0 is out of range 1-31",
        "0 0 32 * *       | day-of-month | cron '0 0 32 * *': day-of-month: value 32 is out of range 1-31",
        "0 0 * 13 *       | month        | cron '0 0 * 13 *': month: value 13 is out of range 1-12",
        "0 0 * * 8        | day-of-week  | cron '0 0 * * 8': day-of-week: value 8 is out of range 0-7",
        "60 0 0 * * *     | second       | cron '60 0 0 * * *': second: value 60 is out of range 0-59",
        "0 60 0 * * *     | minute       | cron '0 60 0 * * *': minute: value 60 is out of range 0-59",
        "*/0 * * * *      | minute       | cron '*/0 * * * *': minute: step 0 is out of range 1-59",
        "0 */25 * * *     | hour         | cron '0 */25 * * *': hour: step 25 is out of range 1-23",
        "5-2 * * * *      | minute       | cron '5-2 * * * *': minute: range 5-2 ends before it starts",
        "x * * * *        | minute       | cron 'x * * * *': minute: cannot read 'x'",
        "0 0 1,,2 * *     | day-of-month | cron '0 0 1,,2 * *': day-of-month: cannot read '1,,2'",
        "? * * * *        | minute       | cron '? * * * *': minute: '?' is only allowed in day-of-month and day-of-week",
        "0 0 1,L * *      | day-of-month | cron '0 0 1,L * *': day-of-month: 'L' (L, W or #) must be the only value in its field, not part of a list",
        "0 0 30W * *      | day-of-month | cron '0 0 30W * *': day-of-month: 30W is not supported; nW takes a day from 1 to 28 (LW is the last weekday)",
        "0 0 * * 1#6      | day-of-week  | cron '0 0 * * 1#6': day-of-week: in 1#6 the week number 6 is out of range 1-5",
        "0 L * * *        | hour         | cron '0 L * * *': hour: cannot read 'L'",
        "@reboot          |              | cron '@reboot': unknown macro; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly",
      })
  void refusesWithAMessageThatNamesTheField(String expression, String field, String message) {
    assertThatThrownBy(() -> CronExpression.parse(expression))
        .isInstanceOf(TimingException.class)
        .hasMessage(message)
        .satisfies(e ->
            assertThat(((TimingException) e).field().orElse(null))
                .isEqualTo(field == null || field.isBlank() ? null : field));
  }

  @Test
  void timingCronWrapsTheExpression() {
    Timing.Cron cron = Timing.cron("  0   12  *  * * ");
    assertThat(cron.expression().text()).isEqualTo("0 12 * * *");
    assertThat(cron).isEqualTo(Timing.cron("0 12 * * *"));
    assertThat(cron.toString()).isEqualTo("cron '0 12 * * *'");
    assertThat(CronExpression.parse("@daily").toString()).isEqualTo("@daily (0 0 * * *)");
  }
}
