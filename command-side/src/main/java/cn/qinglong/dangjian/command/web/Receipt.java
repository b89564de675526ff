package cn.qinglong.dangjian.command.web;

/**
 * What an accepted command answers: the aggregate's sequence after the command, and the global position of its
 * latest event, which the query side accepts as {@code ?minPosition=} for read-your-writes.
 */
public record Receipt(String id, long version, long position) {
}
