package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.security.problem.Refusal;
import org.springframework.http.HttpStatus;

public class RebuildAlreadyRunning extends Refusal {

    public RebuildAlreadyRunning(String name, int generation) {
        super(HttpStatus.CONFLICT, "rebuild-running", "Rebuild already running",
                "projection '" + name + "' is already being rebuilt (generation " + generation + ")");
    }
}
