package cn.qinglong.dangjian.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A bearer token's authentication with its {@link Caller} read once, not again by each {@link Caller#current()}. */
final class CallerAuthentication extends JwtAuthenticationToken {

    private final transient Caller caller;

    CallerAuthentication(Jwt jwt, Caller caller) {
        super(jwt, caller.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList(),
                caller.name());
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }
}
