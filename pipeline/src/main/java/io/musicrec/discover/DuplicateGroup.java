package io.musicrec.discover;

import java.util.List;

/**
 * Tracks that are the same recording (other encodings, trims, small offsets).
 *
 * @param ids the members, sorted; the first is the group's id ({@code duplicate_group} in the payload)
 * @param score the weakest link that joined the group: the lowest cosine among the pairs that
 *     put its members together (each at least the threshold)
 */
public record DuplicateGroup(List<String> ids, double score) {
  public DuplicateGroup {
    ids = List.copyOf(ids);
  }

  public String groupId() {
    return ids.get(0);
  }
}
