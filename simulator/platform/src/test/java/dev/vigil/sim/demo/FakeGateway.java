package dev.vigil.sim.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Plays bin/vigil for {@link DemoMainTest}: {@code run --config FILE}, reads the broker url from
 * the site file, publishes one alarm as the gateway would, then runs until it is stopped.
 */
public final class FakeGateway {

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[2]);
        Matcher url = Pattern.compile("url: (tcp://127\\.0\\.0\\.1:(\\d+))").matcher(Files.readString(config));
        if (!url.find()) {
            System.out.println("no url in " + config);
            System.exit(4);
        }
        System.out.println("fake gateway: " + args[0] + " " + args[1] + " " + config + " on port " + url.group(2));
        MqttClient client = new MqttClient(url.group(1), "fake-gateway", new MemoryPersistence());
        client.connect();
        String alarm = "{\"type\":\"alarm\",\"gateway\":\"demo-gw-1\",\"seq\":1,\"alarmId\":\"demo-gw-1/rc-b1-3f-301/alarm\","
                + "\"transition\":\"RAISED\",\"sensor\":\"rc-b1-3f-301\",\"kind\":\"LEVEL\",\"level\":\"alarm\",\"severity\":\"ALARM\","
                + "\"quantity\":\"RESIDUAL_CURRENT\",\"value\":512.0,\"unit\":\"mA\",\"threshold\":500.0,"
                + "\"acquiredAt\":\"2026-11-22T10:00:00.000Z\",\"eventAt\":\"2026-11-22T10:00:00.010Z\","
                + "\"place\":{\"site\":\"Vigil demo estate\",\"building\":\"B1\",\"floor\":\"3F\",\"room\":\"301\"},"
                + "\"message\":\"residual current 512 mA >= 500 mA\"}";
        client.publish("vigil/demo-gw-1/alarm", alarm.getBytes(StandardCharsets.UTF_8), 1, false);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
