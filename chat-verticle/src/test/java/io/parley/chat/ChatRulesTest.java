package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.ErrorCode;
import io.parley.shared.error.ParleyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every access rule of {@link Membership}, as one table of action × chat type and role: what each
 * member may do, and the code each refusal carries. Pure: no backends, no bus.
 */
class ChatRulesTest {

  private static final UUID ME = UUID.randomUUID();
  private static final UUID SOMEONE_ELSE = UUID.randomUUID();

  /** Each row: an action, then its outcome for each column ("ok", or the refusal's short name). */
  private static final String TABLE = """
      action                          | direct member | group owner     | group admin     | group member | channel owner   | channel admin   | channel member
      post                            | ok            | ok              | ok              | ok           | ok              | ok              | not_allowed
      see the members                 | ok            | ok              | ok              | ok           | ok              | ok              | not_allowed
      manage info, members, invites   | direct_fixed  | ok              | ok              | not_allowed  | ok              | ok              | not_allowed
      remove a member                 | direct_fixed  | ok              | ok              | not_allowed  | ok              | ok              | not_allowed
      remove an admin                 | direct_fixed  | ok              | not_allowed     | not_allowed  | ok              | not_allowed     | not_allowed
      remove the owner                | direct_fixed  | owner_immutable | owner_immutable | not_allowed  | owner_immutable | owner_immutable | not_allowed
      grant admin                     | direct_fixed  | ok              | ok              | not_allowed  | ok              | ok              | not_allowed
      grant member                    | direct_fixed  | ok              | not_allowed     | not_allowed  | ok              | not_allowed     | not_allowed
      make a member admin             | direct_fixed  | ok              | ok              | not_allowed  | ok              | ok              | not_allowed
      make an admin member            | direct_fixed  | ok              | not_allowed     | not_allowed  | ok              | not_allowed     | not_allowed
      make the owner admin            | direct_fixed  | owner_immutable | owner_immutable | not_allowed  | owner_immutable | owner_immutable | not_allowed
      transfer ownership              | not_allowed   | ok              | not_allowed     | not_allowed  | ok              | not_allowed     | not_allowed
      leave                           | direct_fixed  | ok              | ok              | ok           | ok              | ok              | ok
      pin                             | ok            | ok              | ok              | not_allowed  | ok              | ok              | not_allowed
      delete my message for everyone  | ok            | ok              | ok              | ok           | ok              | ok              | ok
      delete another's for everyone   | not_sender    | ok              | ok              | not_sender   | ok              | ok              | not_sender
      edit my message                 | ok            | ok              | ok              | ok           | ok              | ok              | ok
      edit another's message          | not_sender    | not_sender      | not_sender      | not_sender   | not_sender      | not_sender      | not_sender
      see my message's receipts       | ok            | ok              | ok              | ok           | ok              | ok              | ok
      see another's receipts          | not_sender    | not_sender      | not_sender      | not_sender   | not_sender      | not_sender      | not_sender
      move my live location           | ok            | ok              | ok              | ok           | ok              | ok              | ok
      move another's live location    | not_sender    | not_sender      | not_sender      | not_sender   | not_sender      | not_sender      | not_sender
      """;

  private static final Map<String, ErrorCode> REFUSALS = Map.of(
    "not_allowed", ChatErrors.NOT_ALLOWED,
    "direct_fixed", ChatErrors.DIRECT_CHAT_FIXED,
    "owner_immutable", ChatErrors.OWNER_IMMUTABLE,
    "not_sender", ChatErrors.NOT_SENDER);

  private static final Map<String, Consumer<Membership>> ACTIONS = new LinkedHashMap<>();

  static {
    ACTIONS.put("post", Membership::requirePost);
    ACTIONS.put("see the members", Membership::requireSeeMembers);
    ACTIONS.put("manage info, members, invites", Membership::requireManager);
    ACTIONS.put("remove a member", member -> member.requireRemove(Role.MEMBER));
    ACTIONS.put("remove an admin", member -> member.requireRemove(Role.ADMIN));
    ACTIONS.put("remove the owner", member -> member.requireRemove(Role.OWNER));
    ACTIONS.put("grant admin", member -> member.requireGrant(Role.ADMIN));
    ACTIONS.put("grant member", member -> member.requireGrant(Role.MEMBER));
    ACTIONS.put("make a member admin", member -> member.requireChangeRole(Role.MEMBER, Role.ADMIN));
    ACTIONS.put("make an admin member", member -> member.requireChangeRole(Role.ADMIN, Role.MEMBER));
    ACTIONS.put("make the owner admin", member -> member.requireChangeRole(Role.OWNER, Role.ADMIN));
    ACTIONS.put("transfer ownership", Membership::requireTransferOwnership);
    ACTIONS.put("leave", Membership::requireLeave);
    ACTIONS.put("pin", Membership::requirePin);
    ACTIONS.put("delete my message for everyone", member -> member.requireDeleteForEveryone(ME));
    ACTIONS.put("delete another's for everyone", member -> member.requireDeleteForEveryone(SOMEONE_ELSE));
    ACTIONS.put("edit my message", member -> member.requireEdit(ME));
    ACTIONS.put("edit another's message", member -> member.requireEdit(SOMEONE_ELSE));
    ACTIONS.put("see my message's receipts", member -> member.requireSeeReceipts(ME));
    ACTIONS.put("see another's receipts", member -> member.requireSeeReceipts(SOMEONE_ELSE));
    ACTIONS.put("move my live location", member -> member.requireShareLocation(ME));
    ACTIONS.put("move another's live location", member -> member.requireShareLocation(SOMEONE_ELSE));
  }

  @ParameterizedTest(name = "{0}, as {2} of a {1}: {3}")
  @MethodSource("table")
  void eachRoleMayDoWhatTheTableSays(String action, ChatType type, Role role, String expected) {
    Membership member = new Membership(UUID.randomUUID(), ME, role, type, 10, 3, 0, 0);
    Runnable attempt = () -> ACTIONS.get(action).accept(member);
    if (expected.equals("ok")) {
      assertThatCode(attempt::run).doesNotThrowAnyException();
    } else {
      ParleyException refusal = catchThrowableOfType(ParleyException.class, attempt::run);
      assertThat(refusal).as("refused").isNotNull();
      assertThat(refusal.errorCode()).isEqualTo(REFUSALS.get(expected));
    }
  }

  @Test
  void theTableCoversEveryActionInEveryChatAndRole() {
    List<Arguments> rows = table().toList();
    assertThat(rows.stream().map(row -> (String) row.get()[0]).distinct()).containsExactlyElementsOf(ACTIONS.keySet());
    assertThat(rows).hasSize(ACTIONS.size() * 7);
    assertThat(rows.stream().map(row -> (String) row.get()[3]).filter(outcome -> !outcome.equals("ok")))
      .allMatch(REFUSALS::containsKey);
  }

  static Stream<Arguments> table() {
    List<String> lines = TABLE.lines().filter(line -> !line.isBlank()).toList();
    List<String[]> columns = new ArrayList<>();
    for (String header : cells(lines.get(0)).subList(1, 8)) {
      columns.add(header.split(" "));
    }
    return lines.stream().skip(1).flatMap(line -> {
      List<String> cells = cells(line);
      return Stream.iterate(0, column -> column + 1).limit(columns.size()).map(column -> Arguments.of(cells.get(0),
        ChatType.of(columns.get(column)[0]), Role.of(columns.get(column)[1]), cells.get(column + 1)));
    });
  }

  private static List<String> cells(String line) {
    return Stream.of(line.split("\\|")).map(String::strip).toList();
  }
}
