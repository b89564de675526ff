package cn.qinglong.dangjian.query.admin;

import cn.qinglong.dangjian.query.projection.ProjectionAdmin;
import cn.qinglong.dangjian.query.projection.ProjectionStatus;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/projections")
class AdminController {

    private final ProjectionAdmin runtime;

    AdminController(ProjectionAdmin runtime) {
        this.runtime = runtime;
    }

    @GetMapping
    List<ProjectionStatus> projections() {
        return runtime.statuses();
    }

    @GetMapping("/{name}")
    ProjectionStatus projection(@PathVariable String name) {
        return runtime.status(name);
    }

    /** 202: every projection is rebuilt in the background from one pass over the store. */
    @PostMapping("/rebuild")
    ResponseEntity<List<ProjectionStatus>> rebuildAll() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(runtime.rebuildAll());
    }

    /** 202: the rebuild runs in the background; the old view answers until the new one has caught up. */
    @PostMapping("/{name}/rebuild")
    ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(runtime.rebuild(name));
    }
}
