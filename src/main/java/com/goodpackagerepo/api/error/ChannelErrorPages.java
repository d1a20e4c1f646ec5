package com.goodpackagerepo.api.error;

import com.goodpackagerepo.error.ErrorCode;
import com.goodpackagerepo.observability.RequestIds;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON error body for what Open Liberty's HTTP channel refuses before any application runs: a garbage request
 * line, a header line without a colon or longer than {@code limitFieldSize}, too many headers, bad chunked framing of
 * the head, an HTTP version it does not speak (a space inside the request target makes the rest its "version").
 * The channel answers those through {@code HttpServiceContextImpl.sendError}, which asks the channel framework's
 * {@code HttpErrorPageService} (Liberty SPI, {@code com.ibm.wsspi.http.channel.error}; no Liberty component
 * registers one) for an error page for the local port. This listener registers one for the application's public
 * ports while the application runs: the page is {@code {"error":{"code","message","request_id"}}} with
 * {@code X-Request-Id}, and a 5xx the channel would send for a client's mistake (505, 501) becomes 400
 * {@code INVALID_REQUEST}. The SPI types are not visible to an application, so they are reached through the OSGi
 * bundle that exports them, by reflection; if that fails (another Liberty version) the channel's empty answers stay
 * and a warning says so. docs/decisions.md, "Errors refused before the application".
 */
@WebListener
public class ChannelErrorPages implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(ChannelErrorPages.class.getName());
    private static final String TRANSPORT_BUNDLE = "com.ibm.ws.transport.http";
    private static final String SERVICE = "com.ibm.wsspi.http.channel.error.HttpErrorPageService";
    private static final String PROVIDER = "com.ibm.wsspi.http.channel.error.HttpErrorPageProvider";
    private static final String FRAMEWORK_FACTORY = "com.ibm.wsspi.channelfw.ChannelFrameworkFactory";

    private Class<?> serviceType;
    private Object framework;
    private Object registered;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Set<Integer> ports = ports();
        if (ports.isEmpty()) {
            LOG.warning("gpr.http.port is not set: requests Liberty's HTTP channel refuses keep its empty answers");
            return;
        }
        try {
            ClassLoader transport = bundleLoader(context.getClass().getClassLoader(), TRANSPORT_BUNDLE);
            serviceType = Class.forName(SERVICE, true, transport);
            Class<?> providerType = Class.forName(PROVIDER, true, transport);
            Class<?> factory = Class.forName(FRAMEWORK_FACTORY, true, transport);
            framework = factory.getMethod("getChannelFramework").invoke(null);
            Object buffers = factory.getMethod("getBufferManager").invoke(null);
            Types types = new Types(transport);
            Object provider = Proxy.newProxyInstance(transport, new Class<?>[] {providerType}, new PageProvider(buffers, types));
            Map<Integer, Object> providers = new ConcurrentHashMap<>();
            ports.forEach(port -> providers.put(port, provider));
            registered = Proxy.newProxyInstance(transport, new Class<?>[] {serviceType}, new PageService(providers));
            framework.getClass().getMethod("registerService", Class.class, Object.class).invoke(framework, serviceType, registered);
            LOG.info("JSON error pages for requests the HTTP channel refuses, on ports " + ports);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "cannot register JSON error pages with Liberty's HTTP channel; requests it refuses "
                    + "before the application (malformed framing) keep its empty answers", e);
            framework = null;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (framework == null) {
            return;
        }
        try { // only our own registration: the proxies hold this application's class loader
            Method lookup = framework.getClass().getMethod("lookupService", Class.class);
            if (lookup.invoke(framework, serviceType) == registered) {
                framework.getClass().getMethod("deregisterService", Class.class).invoke(framework, serviceType);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "deregistering the channel error pages", e);
        }
    }

    /** The public HTTP and HTTPS ports (server.xml passes them as application properties); not the management port. */
    static Set<Integer> ports() {
        Set<Integer> ports = new java.util.TreeSet<>();
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        for (String name : new String[] {"gpr.http.port", "gpr.https.port"}) {
            String value = config.getOptionalValue(name, String.class).orElse(null);
            try {
                int port = value == null ? -1 : Integer.parseInt(value.trim());
                if (port > 0) {
                    ports.add(port);
                }
            } catch (NumberFormatException e) {
                LOG.warning(name + " is not a port: " + value);
            }
        }
        return ports;
    }

    /**
     * The class loader of the named OSGi bundle, found from any bundle's loader (the web container's). That bundle
     * need not import {@code org.osgi.framework}: the types are taken from the interface its loader implements.
     */
    private static ClassLoader bundleLoader(ClassLoader anyBundleLoader, String symbolicName) throws ReflectiveOperationException {
        Class<?> reference = osgiInterface(anyBundleLoader.getClass(), "org.osgi.framework.BundleReference");
        ClassLoader osgi = reference.getClassLoader();
        Class<?> bundleType = Class.forName("org.osgi.framework.Bundle", true, osgi);
        Class<?> contextType = Class.forName("org.osgi.framework.BundleContext", true, osgi);
        Object bundle = reference.getMethod("getBundle").invoke(anyBundleLoader);
        Object context = bundleType.getMethod("getBundleContext").invoke(bundle);
        for (Object candidate : (Object[]) contextType.getMethod("getBundles").invoke(context)) {
            if (symbolicName.equals(bundleType.getMethod("getSymbolicName").invoke(candidate))) {
                Class<?> type = (Class<?>) bundleType.getMethod("loadClass", String.class).invoke(candidate, SERVICE);
                return type.getClassLoader();
            }
        }
        throw new ClassNotFoundException("no bundle " + symbolicName);
    }

    private static Class<?> osgiInterface(Class<?> type, String name) throws ClassNotFoundException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
            }
        }
        throw new ClassNotFoundException(type.getName() + " is not a " + name);
    }

    /** {@code HttpErrorPageService}: ours for our ports; register/deregister kept working for anyone else. */
    private record PageService(Map<Integer, Object> providers) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "register" -> providers.putIfAbsent((Integer) args[0], args[1]) == null;
                case "deregister" -> providers.remove((Integer) args[0]);
                case "access" -> providers.get((Integer) args[0]);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "gpr JSON error pages " + providers.keySet();
                default -> null;
            };
        }
    }

    /** The channel's SPI types and methods the page needs, looked up once. */
    private record Types(Class<?> buffer, Method wrap, Method status, Method setStatus, Method setHeader,
                         Method setContentLength, Method getHeader, Method headerText) {
        Types(ClassLoader transport) throws ReflectiveOperationException {
            this(Class.forName("com.ibm.wsspi.bytebuffer.WsByteBuffer", true, transport),
                    Class.forName("com.ibm.wsspi.bytebuffer.WsByteBufferPoolManager", true, transport).getMethod("wrap", byte[].class),
                    response(transport).getMethod("getStatusCodeAsInt"),
                    response(transport).getMethod("setStatusCode", int.class),
                    response(transport).getMethod("setHeader", String.class, String.class),
                    response(transport).getMethod("setContentLength", long.class),
                    Class.forName("com.ibm.wsspi.http.channel.HttpRequestMessage", true, transport).getMethod("getHeader", String.class),
                    Class.forName("com.ibm.wsspi.genericbnf.HeaderField", true, transport).getMethod("asString"));
        }

        private static Class<?> response(ClassLoader transport) throws ClassNotFoundException {
            return Class.forName("com.ibm.wsspi.http.channel.HttpResponseMessage", true, transport);
        }
    }

    /** {@code HttpErrorPageProvider.accessPage(host, port, request, response)}: sets the answer's status and headers, returns its body. */
    private record PageProvider(Object buffers, Types types) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws ReflectiveOperationException {
            return switch (method.getName()) {
                case "accessPage" -> page(args[2], args[3]);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "gpr JSON error page";
                default -> null;
            };
        }

        private Object page(Object request, Object response) throws ReflectiveOperationException {
            int channelStatus = (Integer) types.status().invoke(response);
            ErrorCode code = ErrorStatus.forChannelRefusal(channelStatus);
            int status = ErrorStatus.of(code);
            String requestId = RequestIds.accept(header(request, RequestIds.HEADER));
            try {
                String message = switch (code) {
                    case PAYLOAD_TOO_LARGE -> "Request line or headers too large";
                    case UNAVAILABLE -> "Server is stopping";
                    default -> "Malformed request line, headers or framing";
                };
                byte[] body = ErrorResponses.body(code.name(), message).toString().getBytes(StandardCharsets.UTF_8);
                if (status != channelStatus) {
                    types.setStatus().invoke(response, status);
                }
                types.setHeader().invoke(response, "Content-Type", "application/json");
                types.setHeader().invoke(response, RequestIds.HEADER, requestId);
                types.setHeader().invoke(response, "X-Content-Type-Options", "nosniff");
                types.setContentLength().invoke(response, (long) body.length);
                Object[] pages = (Object[]) Array.newInstance(types.buffer(), 1);
                pages[0] = types.wrap().invoke(buffers, (Object) body);
                return pages;
            } finally {
                RequestIds.clear();
            }
        }

        /** A request header as text, or null (the request line may not even have been read). */
        private String header(Object request, String name) {
            try {
                Object field = request == null ? null : types.getHeader().invoke(request, name);
                Object value = field == null ? null : types.headerText().invoke(field);
                return value instanceof String s && !s.isEmpty() ? s : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
