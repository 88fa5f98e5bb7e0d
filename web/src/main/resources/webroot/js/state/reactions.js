/**
 * Reactions as the app keeps them on a message: [{emoji, count, mine}] in the order each emoji
 * was first used, as history pages give them.
 *
 * A `reaction.changed` change carries one person's toggle of one emoji and that emoji's new
 * count ({emoji, userId, added, count}): absolute numbers, so applying the same change twice (the
 * REST answer to my own toggle, then its live event) leaves the same state.
 */
export function applyReactionChange(reactions, { emoji, userId, added, count }, meId) {
  const list = (reactions || []).map((reaction) => ({ ...reaction }));
  const index = list.findIndex((reaction) => reaction.emoji === emoji);
  if (!(count > 0)) {
    return index >= 0 ? list.filter((reaction) => reaction.emoji !== emoji) : list;
  }
  const mine = userId === meId ? Boolean(added) : Boolean(list[index]?.mine);
  if (index >= 0) {
    list[index] = { emoji, count, mine };
  } else {
    list.push({ emoji, count, mine });
  }
  return list;
}

/** "Ann, Bo and 3 others reacted with 👍": who reacted, in words (the names are already known). */
export function describeReactors(names, emoji, { shown = 3 } = {}) {
  if (names.length === 0) {
    return `Nobody reacted with ${emoji}`;
  }
  const named = names.length > shown + 1 ? names.slice(0, shown) : names;
  const others = names.length - named.length;
  const list = others ? [...named, `${others} other${others === 1 ? '' : 's'}`] : named;
  const text = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return `${text} reacted with ${emoji}`;
}
