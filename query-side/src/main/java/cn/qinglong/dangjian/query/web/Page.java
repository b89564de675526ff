package cn.qinglong.dangjian.query.web;

import java.util.List;

/** A page of a list view, as every list of the API answers. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
