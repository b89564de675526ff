package cn.qinglong.dangjian.command.shared;

import cn.qinglong.dangjian.security.problem.Refusal;
import org.springframework.http.HttpStatus;

/** A command was well-formed but a rule of docs/domain.md refused it: 422, the detail names the rule. */
public class RuleViolation extends Refusal {

    public RuleViolation(String rule) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "rule-violation", "A rule refused the command", rule);
    }
}
