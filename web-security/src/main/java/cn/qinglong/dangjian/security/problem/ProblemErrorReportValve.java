package cn.qinglong.dangjian.security.problem;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own refusals (an encoded NUL or {@code ..} in a path, a malformed request line, a broken percent-escape,
 * {@code TRACE}, any {@code sendError}) answered as problem+json like every other refusal, instead of Tomcat's HTML
 * page: the services register no error page (see {@link ProblemAdvice#noErrorPages}), so every error the container
 * sees ends here.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.resetBuffer();
            ProblemResponses.write(response, ProblemResponses.forStatus(status, status >= 500
                    ? "the request could not be completed" : "the request was refused before it reached the service"));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was committed meanwhile: nothing more to say
        }
    }
}
