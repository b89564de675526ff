package cn.qinglong.dangjian.security;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Requests Tomcat refuses before any servlet sees them (an encoded NUL or other invalid path, a malformed request
 * line) are answered as problem+json like every other refusal, instead of Tomcat's HTML error page.
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
            ProblemResponses.write(response, status, status >= 500 ? "server-error" : "bad-request",
                    status >= 500 ? "Server error" : "Bad request", "the request was refused before it reached the service");
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was committed meanwhile: nothing more to say
        }
    }
}
