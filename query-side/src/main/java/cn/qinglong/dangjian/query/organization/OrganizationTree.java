package cn.qinglong.dangjian.query.organization;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** The hierarchy read from a view's organization documents: parents, children and subtrees. */
public final class OrganizationTree {

    private final Map<String, Document> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final List<String> roots = new ArrayList<>();

    private OrganizationTree() {
    }

    public static OrganizationTree read(MongoCollection<Document> organizations) {
        OrganizationTree tree = new OrganizationTree();
        organizations.find().sort(new Document("_id", 1)).forEach(d -> tree.byId.put(d.getString("_id"), d));
        tree.byId.forEach((id, d) -> {
            String parent = d.getString("parentId");
            if (parent == null || !tree.byId.containsKey(parent)) {
                tree.roots.add(id);
            } else {
                tree.children.computeIfAbsent(parent, p -> new ArrayList<>()).add(id);
            }
        });
        return tree;
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public Document get(String id) {
        return byId.get(id);
    }

    public List<String> roots() {
        return roots;
    }

    public List<String> children(String id) {
        return children.getOrDefault(id, List.of());
    }

    /** The organization and everything below it. */
    public Set<String> subtree(String id) {
        Set<String> result = new LinkedHashSet<>();
        collect(id, result);
        return result;
    }

    private void collect(String id, Set<String> result) {
        if (result.add(id)) {
            children(id).forEach(child -> collect(child, result));
        }
    }

    /** The organization and its ancestors up to the root. */
    public List<String> pathToRoot(String id) {
        List<String> path = new ArrayList<>();
        String current = id;
        while (current != null && byId.containsKey(current) && !path.contains(current)) {
            path.add(current);
            current = byId.get(current).getString("parentId");
        }
        return path;
    }
}
