package cn.qinglong.dangjian.command.shared;

/** A command was well-formed but a rule of DOMAIN.md refused it. */
public class RuleViolation extends RuntimeException {

    public RuleViolation(String rule) {
        super(rule);
    }
}
